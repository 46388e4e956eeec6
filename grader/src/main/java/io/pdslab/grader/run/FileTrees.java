package io.pdslab.grader.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/** Small file-tree helpers that never follow symbolic links. */
public final class FileTrees {
  private FileTrees() {}

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
