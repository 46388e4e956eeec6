package io.pdslab.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Small file-tree helpers that never follow symbolic links. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * How much {@link #collect} copies at most.
   *
   * @param maxFiles files copied
   * @param maxFileBytes size of one file; larger files are skipped
   * @param maxTotalBytes bytes copied in all
   */
  public record CopyLimits(int maxFiles, long maxFileBytes, long maxTotalBytes) {}

  /**
   * Writes a new file; fails if anything, even a dangling symbolic link, is at {@code file}, so a
   * write never goes through a link someone else planted.
   */
  public static Path writeNew(Path file, String text) throws IOException {
    return Files.writeString(
        file,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
  }

  /**
   * Copies the regular files directly inside {@code root/relDir}, a folder that untrusted code
   * wrote, into {@code to}. Nothing is followed: if {@code relDir} or any folder on the way is a
   * symbolic link (or not inside {@code root} once resolved), nothing is copied; links, folders,
   * pipes and devices in it are skipped; each file is opened with {@code O_NOFOLLOW}. Only names
   * that {@code accept} takes are copied, within {@code limits}. Call it once the writer is dead.
   *
   * @return the copies, sorted by name
   */
  public static List<Path> collect(
      Path root, String relDir, Path to, Predicate<String> accept, CopyLimits limits) {
    List<Path> out = new ArrayList<>();
    try {
      Path dir = root;
      for (String name : relDir.split("/")) {
        dir = dir.resolve(name);
        if (!Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .isDirectory()) {
          return out;
        }
      }
      if (!dir.toRealPath().startsWith(root.toRealPath())) {
        return out;
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        entries.forEach(files::add);
      }
      files.sort(null);
      long total = 0;
      for (Path f : files) {
        String name = f.getFileName().toString();
        BasicFileAttributes a =
            Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()
            || !accept.test(name)
            || a.size() > limits.maxFileBytes()
            || total + a.size() > limits.maxTotalBytes()
            || out.size() >= limits.maxFiles()) {
          continue;
        }
        byte[] data;
        try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
          data = in.readNBytes((int) limits.maxFileBytes() + 1);
        }
        if (data.length > limits.maxFileBytes() || total + data.length > limits.maxTotalBytes()) {
          continue;
        }
        total += data.length;
        Files.createDirectories(to);
        out.add(Files.write(to.resolve(name), data, StandardOpenOption.CREATE_NEW));
      }
    } catch (IOException e) {
      // missing folder, or the tree is not what it should be: copy no more
    }
    return out;
  }

  /** Deletes a tree, ignoring errors (clean-up paths). */
  public static void deleteQuietly(Path root) {
    try {
      delete(root);
    } catch (UncheckedIOException e) {
      // best effort
    }
  }

  /** Deletes a tree if it exists; symbolic links are deleted, never followed. */
  public static void delete(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }

  /** Total bytes of regular files under {@code root}, stopping early once above {@code cap}. */
  public static long size(Path root, long cap) {
    AtomicLong total = new AtomicLong();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              return total.addAndGet(attrs.size()) > cap
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // the tree changes while the child runs: count what we saw
    }
    return total.get();
  }

  /** Copies a tree if it exists; symbolic links are skipped; no file may exist in the target. */
  public static void copy(Path from, Path to) {
    copy(from, to, false);
  }

  /** Copies a tree, replacing files that exist; symbolic links are skipped. */
  public static void copyOver(Path from, Path to) {
    copy(from, to, true);
  }

  private static void copy(Path from, Path to, boolean replace) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isRegularFile()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (replace) {
                  Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } else {
                  Files.copy(file, target);
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e, e);
    }
  }
}
