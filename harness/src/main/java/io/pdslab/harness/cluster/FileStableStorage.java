package io.pdslab.harness.cluster;

import io.pdslab.harness.node.StableStorage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Stable storage in one file of a node's data folder, for real clusters. Every write replaces the
 * whole file atomically (write a temporary file, optionally fsync it, rename it over the old one),
 * so a process killed at any moment leaves either the old state or the new one, never a mix. A
 * checksum catches a file damaged by other means, and the node then refuses to start rather than
 * run on garbage.
 *
 * <p>Without {@code fsync} the state survives the process being killed (the kernel still holds the
 * written pages) but not the machine losing power.
 */
public final class FileStableStorage implements StableStorage {
  private static final int MAGIC = 0x50445353; // "PDSS"
  private static final int VERSION = 1;
  static final String FILE_NAME = "storage.bin";

  private final Path dir;
  private final Path file;
  private final boolean fsync;
  private Map<String, byte[]> entries;
  private long size;

  /**
   * Opens the storage in {@code dir}, creating the folder if needed and reading what a previous
   * incarnation saved.
   *
   * @param fsync force every write to the disk before returning (survives power loss; slower)
   * @throws IllegalStateException if the saved file is damaged
   */
  public FileStableStorage(Path dir, boolean fsync) {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.fsync = fsync;
    try {
      Files.createDirectories(dir);
      entries = Files.exists(file) ? load(file) : new TreeMap<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open stable storage in " + dir, e);
    }
    size = entries.values().stream().mapToLong(v -> v.length).sum();
  }

  @Override
  public synchronized Optional<byte[]> read(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized void write(Map<String, byte[]> changes) {
    Map<String, byte[]> next = new TreeMap<>(entries);
    next.putAll(changes);
    try {
      save(next);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write stable storage in " + dir, e);
    }
    entries = next;
    size = next.values().stream().mapToLong(v -> v.length).sum();
  }

  @Override
  public synchronized long sizeBytes() {
    return size;
  }

  private void save(Map<String, byte[]> all) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(all.size());
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().length);
      out.write(e.getValue());
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (fsync) {
        ch.force(true);
      }
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (fsync) {
      // The rename itself is durable only once the folder is synced.
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }

  private static Map<String, byte[]> load(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 20) {
      throw damaged(file, "too short (" + all.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 8);
    long expected = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
    if (crc.getValue() != expected) {
      throw damaged(file, "checksum mismatch");
    }
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all));
    if (in.readInt() != MAGIC) {
      throw damaged(file, "not a pdslab storage file");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw damaged(file, "format version " + version + ", expected " + VERSION);
    }
    Map<String, byte[]> entries = new TreeMap<>();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String key = in.readUTF();
      byte[] value = new byte[in.readInt()];
      in.readFully(value);
      entries.put(key, value);
    }
    return entries;
  }

  private static IllegalStateException damaged(Path file, String why) {
    return new IllegalStateException(
        "stable storage "
            + file
            + " is damaged ("
            + why
            + "); delete its folder to start this node with empty state");
  }
}
