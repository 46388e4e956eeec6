package io.pdslab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.harness.testrun.TestId;
import org.junit.jupiter.api.Test;

class MethodResultTest {
  @Test
  void numericEntriesAreSummedOverSeedsAndTheLastValueIsKept() {
    MethodResult r = new MethodResult(TestId.parse("a.B#c"));
    r.putEntry("simulatedMs", "1500");
    r.putEntry("simulatedMs", "2500");
    r.putEntry("note", "text");
    assertEquals(4000, r.entrySum("simulatedMs"));
    assertEquals("2500", r.entries().get("simulatedMs"));
    assertEquals(0, r.entrySum("note"));
    assertEquals(0, r.entrySum("absent"));
  }
}
