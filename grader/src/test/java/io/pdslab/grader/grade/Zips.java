package io.pdslab.grader.grade;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes test zips, including ones no honest tool would write. */
final class Zips {
  private Zips() {}

  static void write(Path zip, Map<String, String> files) throws IOException {
    try (OutputStream os = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  /** A zip whose single entry is a Unix symbolic link to {@code target}. */
  static void writeWithSymlink(Path zip, String name, String target) throws IOException {
    write(zip, Map.of(name, target));
    try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "rw")) {
      for (long pos = f.length() - 4; pos >= 0; pos--) {
        f.seek(pos);
        if (Integer.reverseBytes(f.readInt()) == 0x02014b50) {
          f.seek(pos + 38);
          f.writeInt(Integer.reverseBytes(0120777 << 16));
          return;
        }
      }
    }
  }
}
