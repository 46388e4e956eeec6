package io.pdslab.grader.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts an untrusted zip: rejects absolute and {@code ../} paths, symbolic links, and files or
 * totals above the limits, and writes only regular files inside the target folder.
 */
final class ZipExtractor {
  static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;
  static final int MAX_ENTRIES = 5000;
  private static final int SYMLINK_TYPE = 0120000;

  private ZipExtractor() {}

  static void extract(Path zip, Path target) throws IOException {
    String name = zip.getFileName().toString();
    checkNoSymlinks(zip, name);
    long total = 0;
    int count = 0;
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (++count > MAX_ENTRIES) {
          throw new SubmissionException(name + ": more than " + MAX_ENTRIES + " entries");
        }
        String path = entry.getName().replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.contains("\0")) {
          throw new SubmissionException(name + ": absolute path in the zip: " + path);
        }
        for (String part : path.split("/")) {
          if (part.equals("..")) {
            throw new SubmissionException(name + ": '..' in a path in the zip: " + path);
          }
        }
        Path out = target.resolve(path).normalize();
        if (!out.startsWith(target)) {
          throw new SubmissionException(name + ": path escapes the submission: " + path);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        long written = 0;
        try (InputStream in = z.getInputStream(entry);
            OutputStream os = Files.newOutputStream(out)) {
          byte[] buf = new byte[8192];
          for (int n; (n = in.read(buf)) > 0; ) {
            written += n;
            total += n;
            if (written > MAX_FILE_BYTES) {
              throw new SubmissionException(
                  name + ": " + path + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            if (total > MAX_TOTAL_BYTES) {
              throw new SubmissionException(
                  name + ": more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB uncompressed");
            }
            os.write(buf, 0, n);
          }
        }
      }
    } catch (ZipException e) {
      throw new SubmissionException(name + ": not a valid zip file (" + e.getMessage() + ")");
    }
  }

  /**
   * java.util.zip hides Unix file types, so read the central directory's external attributes to
   * find symbolic links.
   */
  private static void checkNoSymlinks(Path zip, String name) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "r")) {
      long len = f.length();
      if (len < 22) {
        throw new SubmissionException(name + ": not a valid zip file (too short)");
      }
      long eocd = -1;
      for (long pos = len - 22; pos >= Math.max(0, len - 22 - 65535); pos--) {
        f.seek(pos);
        if (Integer.reverseBytes(f.readInt()) == 0x06054b50) {
          eocd = pos;
          break;
        }
      }
      if (eocd < 0) {
        throw new SubmissionException(name + ": not a valid zip file (no central directory)");
      }
      f.seek(eocd + 10);
      int entries = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
      f.seek(eocd + 16);
      long cd = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
      long pos = cd;
      for (int i = 0; i < entries && pos + 46 <= len; i++) {
        f.seek(pos);
        if (Integer.reverseBytes(f.readInt()) != 0x02014b50) {
          throw new SubmissionException(name + ": not a valid zip file (bad central directory)");
        }
        f.seek(pos + 28);
        int nameLen = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        int extraLen = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        int commentLen = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        f.seek(pos + 38);
        int external = Integer.reverseBytes(f.readInt());
        byte[] entryName = new byte[nameLen];
        f.seek(pos + 46);
        f.readFully(entryName);
        if (((external >>> 16) & 0170000) == SYMLINK_TYPE) {
          throw new SubmissionException(
              name
                  + ": symbolic link in the zip: "
                  + new String(entryName, StandardCharsets.UTF_8));
        }
        pos += 46L + nameLen + extraLen + commentLen;
      }
    }
  }
}
