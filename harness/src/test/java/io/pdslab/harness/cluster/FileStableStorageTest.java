package io.pdslab.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStableStorageTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aNewIncarnationReadsWhatTheLastOneWrote() {
    FileStableStorage first = new FileStableStorage(dir, false);
    assertTrue(first.read("state").isEmpty());
    first.write(Map.of("state", bytes("term 3"), "snapshot", bytes("abc")));
    first.write("state", bytes("term 4"));

    FileStableStorage second = new FileStableStorage(dir, true);
    assertArrayEquals(bytes("term 4"), second.read("state").orElseThrow());
    assertArrayEquals(bytes("abc"), second.read("snapshot").orElseThrow());
    assertEquals(9, second.sizeBytes());
  }

  @Test
  void aWriteInterruptedBeforeItsRenameLeavesTheOldState() throws Exception {
    new FileStableStorage(dir, false).write("state", bytes("old"));
    // A process killed mid-write leaves only a partial temporary file behind.
    Files.write(dir.resolve(FileStableStorage.FILE_NAME + ".tmp"), bytes("PDSS garbage"));

    FileStableStorage reopened = new FileStableStorage(dir, false);
    assertArrayEquals(bytes("old"), reopened.read("state").orElseThrow());
    reopened.write("state", bytes("new"));
    assertArrayEquals(bytes("new"), new FileStableStorage(dir, false).read("state").orElseThrow());
  }

  @Test
  void aDamagedFileIsRefusedWithAClearMessage() throws Exception {
    new FileStableStorage(dir, false).write("state", bytes("some state"));
    Path file = dir.resolve(FileStableStorage.FILE_NAME);
    byte[] content = Files.readAllBytes(file);
    content[content.length / 2] ^= 0x40;
    Files.write(file, content);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new FileStableStorage(dir, false));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertTrue(e.getMessage().contains("delete its folder"), e.getMessage());

    Files.write(file, bytes("short"));
    e = assertThrows(IllegalStateException.class, () -> new FileStableStorage(dir, false));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
    assertFalse(Files.exists(dir.resolve(FileStableStorage.FILE_NAME + ".tmp")));
  }
}
