package io.pdslab.harness.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-queue wait is the second field; anything unreadable is -1, never an exception. */
class SchedstatTest {

  @Test
  void theWaitIsTheSecondField(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("schedstat"), "123456 7890 42\n");
    assertEquals(7890, Schedstat.runQueueWaitNanos(file));
  }

  @Test
  void aMissingOrMalformedFileIsUnknown(@TempDir Path dir) throws IOException {
    assertEquals(-1, Schedstat.runQueueWaitNanos(dir.resolve("gone")), "an ended thread");
    Path one = Files.writeString(dir.resolve("one"), "123456\n");
    assertEquals(-1, Schedstat.runQueueWaitNanos(one), "a single field");
    Path text = Files.writeString(dir.resolve("text"), "a b c\n");
    assertEquals(-1, Schedstat.runQueueWaitNanos(text), "not numbers");
  }
}
