package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditableFilesTest {
  private static final String LAB = "src/main/java/io/pdslab/labs/raft/";

  @Test
  void aTightGlobTakesTheStudentsPackageButNotItsSubPackages() {
    EditableFiles files = new EditableFiles(List.of(LAB + "*.java", LAB + "kv/*.java"));
    assertTrue(files.matches(Path.of(LAB + "Raft.java")));
    assertTrue(files.matches(Path.of(LAB + "RaftLog.java")), "a helper class the student adds");
    assertTrue(files.matches(Path.of(LAB + "kv/KvServer.java")));
    assertFalse(files.matches(Path.of(LAB + "given/RaftNode.java")));
    assertFalse(files.matches(Path.of(LAB + "given/kv/KvClerk.java")));
    assertFalse(files.matches(Path.of("src/test/java/io/pdslab/labs/raft/KvTest.java")));
  }

  @Test
  void givenCodeIsNeverEditableEvenUnderAWideGlob() {
    EditableFiles files = new EditableFiles(List.of(LAB + "**/*.java"));
    assertTrue(files.matches(Path.of(LAB + "Raft.java")), "** also matches the folder itself");
    assertTrue(files.matches(Path.of(LAB + "kv/KvServer.java")));
    assertFalse(files.matches(Path.of(LAB + "given/RaftNode.java")));
    assertFalse(files.matches(Path.of(LAB + "given/kv/KvClerk.java")));
    assertTrue(files.matches(Path.of(LAB + "forgiven/Notes.java")), "only a whole folder name");
  }
}
