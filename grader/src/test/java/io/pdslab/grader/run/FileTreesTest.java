package io.pdslab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  static final FileTrees.CopyLimits LIMITS = new FileTrees.CopyLimits(3, 100, 150);

  @TempDir Path dir;

  private List<String> collect(Path root, String rel) {
    return FileTrees.collect(root, rel, dir.resolve("out-" + rel.hashCode()), n -> true, LIMITS)
        .stream()
        .map(p -> p.getFileName().toString())
        .toList();
  }

  @Test
  void copiesOnlyRegularFilesWithinLimitsAndNoLinks() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), "secret");
    Path traces = Files.createDirectories(dir.resolve("work/t/traces"));
    Files.writeString(traces.resolve("a"), "a");
    Files.writeString(traces.resolve("big"), "x".repeat(101));
    Files.createSymbolicLink(traces.resolve("link"), secret);
    Files.createSymbolicLink(traces.resolve("dirlink"), dir);
    Files.createLink(traces.resolve("hard"), Files.writeString(traces.resolve("b"), "b"));
    Files.writeString(traces.resolve("c"), "c".repeat(100));
    Files.writeString(traces.resolve("d"), "d");
    // a, b, c fit (102 bytes); "big" is over the file cap; "d" over the file count; no link
    assertEquals(List.of("a", "b", "c"), collect(dir.resolve("work"), "t/traces"));
  }

  @Test
  void aLinkedFolderOnTheWayCopiesNothing() throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/traces"));
    Files.writeString(elsewhere.resolve("other-student.jsonl"), "theirs");
    Path work = Files.createDirectories(dir.resolve("w1/t"));
    Files.createSymbolicLink(work.resolve("traces"), elsewhere);
    assertEquals(List.of(), collect(dir.resolve("w1"), "t/traces"));
    Path work2 = Files.createDirectories(dir.resolve("w2"));
    Files.createSymbolicLink(work2.resolve("t"), elsewhere.getParent());
    assertEquals(List.of(), collect(work2, "t/traces"));
    assertEquals(List.of(), collect(dir.resolve("missing"), "t/traces"));
  }

  @Test
  void writeNewNeverWritesThroughALink() throws IOException {
    Path target = Files.writeString(dir.resolve("instructor.txt"), "keep");
    Path link = Files.createSymbolicLink(dir.resolve("selection"), target);
    assertThrows(FileAlreadyExistsException.class, () -> FileTrees.writeNew(link, "x"));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("new.txt"));
    assertThrows(FileAlreadyExistsException.class, () -> FileTrees.writeNew(dangling, "x"));
    assertEquals("keep", Files.readString(target));
    assertEquals(false, Files.exists(dir.resolve("new.txt")));
  }
}
