package io.pdslab.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkerProcessorTest {
  private static String process(String text) {
    return MarkerProcessor.process("Lock.java", text);
  }

  private static String error(String text) {
    return assertThrows(MarkerProcessor.MarkerException.class, () -> process(text)).getMessage();
  }

  @Test
  void replacesSolutionBlocksByTheirStubsAtTheSameIndentation() {
    String reference =
        """
        class Lock {
          void lock() {
            // BEGIN SOLUTION
            while (state.getAndSet(true)) {
              Thread.onSpinWait();
            }
            // END SOLUTION
            // STUB: throw new UnsupportedOperationException("TODO: lock()");
          }
        }
        """;
    assertEquals(
        """
        class Lock {
          void lock() {
            throw new UnsupportedOperationException("TODO: lock()");
          }
        }
        """,
        process(reference));
  }

  @Test
  void keepsFilesWithoutMarkersUnchanged() {
    String text = "class A {\n  int x;\n}\n";
    assertEquals(text, process(text));
    assertEquals("", process(""));
  }

  @Test
  void removesBlocksWithoutStubsAndHandlesSeveralBlocks() {
    String text =
        "a\n// BEGIN SOLUTION\nb\n// END SOLUTION\nc\n  //BEGIN SOLUTION\nd\n  //  END SOLUTION\ne\n";
    assertEquals("a\nc\ne\n", process(text));
  }

  @Test
  void stubsKeepTheirOwnText() {
    assertEquals("    return 0; // TODO\n", process("    // STUB: return 0; // TODO\n"));
    assertEquals("\t\treturn null;\n", process("\t\t// STUB:return null;\n"));
    assertEquals("  \n", process("  // STUB:\n"));
  }

  @Test
  void keepsWindowsLineEndings() {
    assertEquals(
        "a\r\n  b;\r\nc\r\n",
        process("a\r\n// BEGIN SOLUTION\r\nx\r\n// END SOLUTION\r\n  // STUB: b;\r\nc\r\n"));
  }

  @Test
  void omitsGraderOnlyFiles() {
    assertNull(process("// HANDOUT: OMIT\npackage x;\nclass Secret {}\n"));
    assertNull(process("/* header */\n\n  //HANDOUT:OMIT\nclass Secret {}\n"));
  }

  @Test
  void omitMarkerMustBeNearTheTop() {
    String late = "x\n".repeat(MarkerProcessor.OMIT_WITHIN_LINES) + "// HANDOUT: OMIT\n";
    assertEquals("Lock.java:11: // HANDOUT: OMIT must be within the first 10 lines", error(late));
  }

  @Test
  void nestedBlocksAreAnErrorNamingBothLines() {
    assertEquals(
        "Lock.java:3: nested // BEGIN SOLUTION (the block opened at line 2 is not closed)",
        error("a\n// BEGIN SOLUTION\n  // BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION\n"));
  }

  @Test
  void unterminatedBlockIsAnErrorNamingItsStart() {
    assertEquals(
        "Lock.java:2: unterminated // BEGIN SOLUTION (no // END SOLUTION before the end)",
        error("a\n// BEGIN SOLUTION\nb\n"));
  }

  @Test
  void strayEndIsAnError() {
    assertEquals(
        "Lock.java:2: // END SOLUTION without // BEGIN SOLUTION", error("a\n// END SOLUTION\n"));
  }

  @Test
  void stubInsideASolutionIsAnError() {
    assertEquals(
        "Lock.java:3: // STUB: inside the solution block opened at line 1",
        error("// BEGIN SOLUTION\nx\n// STUB: y\n// END SOLUTION\n"));
  }

  @Test
  void markersSharingALineWithCodeAreAnError() {
    assertEquals(
        "Lock.java:1: a solution marker must be alone on its line: 'x++; // BEGIN SOLUTION'",
        error("x++; // BEGIN SOLUTION\n"));
    assertEquals(
        "Lock.java:2: a solution marker must be alone on its line: 'return 1; // STUB: return 0;'",
        error("a\nreturn 1; // STUB: return 0;\n"));
  }
}
