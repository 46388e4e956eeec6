package io.pdslab.grader.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A student's submission, unpacked: a folder or a zip of their handout repository (one wrapping
 * folder tolerated), laid out either as the full repository ({@code labs/<lab>/...}) or relative to
 * the lab folder. Only files matching the manifest's {@code editable} globs are kept (see {@link
 * EditableFiles}: given code is never editable); every other file is ignored, and a source file the
 * student changed or added outside their own files is reported, since the grader builds the given
 * version instead.
 *
 * @param accepted lab-relative path → file, for the editable files found
 * @param ignored lab-relative paths of the files that were not taken
 * @param changedGiven lab-relative paths of the ignored main sources that differ from the handout's
 *     version or are not in the handout: code the student may believe is graded, but is not
 */
public record Submission(
    Map<String, Path> accepted, List<String> ignored, List<String> changedGiven) {
  /** Where a lab's main sources lie, relative to the lab folder. */
  public static final String MAIN_SOURCES = "src/main/java/";

  private static final Set<String> JUNK = Set.of("__MACOSX", ".DS_Store", ".git", "target");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

  /**
   * Unpacks {@code input} into {@code work} (which must be empty) and selects the editable files.
   *
   * @param handoutSources the handout's main sources (the tree under {@value #MAIN_SOURCES}),
   *     against which ignored main sources are compared
   * @throws SubmissionException when the submission is malformed
   */
  public static Submission open(
      Path input, String lab, List<String> editable, Path handoutSources, Path work) {
    try {
      Path unpacked = Files.createDirectories(work.resolve("submitted"));
      String name = input.getFileName().toString();
      if (Files.isDirectory(input, LinkOption.NOFOLLOW_LINKS)) {
        copyFolder(input, unpacked, name);
      } else if (Files.isRegularFile(input, LinkOption.NOFOLLOW_LINKS)) {
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
          throw new SubmissionException(name + ": a submission is a folder or a .zip file");
        }
        ZipExtractor.extract(input, unpacked);
      } else {
        throw new SubmissionException(input + ": no such folder or zip file");
      }
      Path base = unwrap(unpacked);
      Path labRoot =
          Files.isDirectory(base.resolve("labs").resolve(lab))
              ? base.resolve("labs").resolve(lab)
              : base;
      EditableFiles globs = new EditableFiles(editable);
      Map<String, Path> accepted = new TreeMap<>();
      List<String> ignored = new ArrayList<>();
      List<String> changedGiven = new ArrayList<>();
      try (Stream<Path> files = Files.walk(labRoot)) {
        for (Path f :
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
          Path rel = labRoot.relativize(f);
          if (junk(rel)) {
            continue;
          }
          String relText = rel.toString().replace('\\', '/');
          if (globs.matches(rel)) {
            checkPackage(name, relText, f);
            accepted.put(relText, f);
          } else {
            ignored.add(relText);
            if (differsFromHandout(relText, f, handoutSources)) {
              changedGiven.add(relText);
            }
          }
        }
      }
      if (accepted.isEmpty()) {
        throw new SubmissionException(
            name
                + ": no editable file found (expected e.g. labs/"
                + lab
                + "/"
                + editable.get(0)
                + " or "
                + editable.get(0)
                + ")");
      }
      return new Submission(accepted, ignored, changedGiven);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One note per changed or added file outside the student's own files, for the grade report: the
   * grader built the given version (or nothing) instead.
   */
  public List<String> notes() {
    return changedGiven.stream()
        .map(f -> "changed outside your files, so ignored (the given code was used): " + f)
        .toList();
  }

  /**
   * Whether an ignored file is a main source that the handout lacks or holds with other content.
   * Line endings do not count: a checkout on Windows is not a change.
   */
  private static boolean differsFromHandout(String rel, Path file, Path handoutSources)
      throws IOException {
    if (!rel.startsWith(MAIN_SOURCES)) {
      return false;
    }
    Path given = handoutSources.resolve(rel.substring(MAIN_SOURCES.length()));
    if (!Files.isRegularFile(given)) {
      return true;
    }
    return !withoutCarriageReturns(Files.readString(file, StandardCharsets.ISO_8859_1))
        .equals(withoutCarriageReturns(Files.readString(given, StandardCharsets.ISO_8859_1)));
  }

  private static String withoutCarriageReturns(String text) {
    return text.replace("\r", "");
  }

  /** Copies a submitted folder: no build output, no links, the same size limits as a zip. */
  private static void copyFolder(Path from, Path to, String name) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path rel = from.relativize(f);
        if (junk(rel) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long size = Files.size(f);
        total += size;
        if (size > ZipExtractor.MAX_FILE_BYTES) {
          throw new SubmissionException(
              name + ": " + rel + " is larger than " + ZipExtractor.MAX_FILE_BYTES / 1024 + " KiB");
        }
        if (total > ZipExtractor.MAX_TOTAL_BYTES) {
          throw new SubmissionException(
              name + ": more than " + ZipExtractor.MAX_TOTAL_BYTES / (1024 * 1024) + " MiB");
        }
        Path target = to.resolve(rel.toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  /** Descends through a single wrapping folder (e.g. {@code raft-handout/}). */
  private static Path unwrap(Path dir) throws IOException {
    Path cur = dir;
    for (int depth = 0; depth < 2; depth++) {
      List<Path> entries;
      try (Stream<Path> s = Files.list(cur)) {
        entries = s.filter(p -> !JUNK.contains(p.getFileName().toString())).toList();
      }
      if (entries.size() == 1
          && Files.isDirectory(entries.get(0))
          && !Set.of("src", "labs").contains(entries.get(0).getFileName().toString())) {
        cur = entries.get(0);
      } else {
        break;
      }
    }
    return cur;
  }

  private static boolean junk(Path rel) {
    for (Path part : rel) {
      if (JUNK.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /** A Java file must declare the package of its folder, or it would not replace the right file. */
  private static void checkPackage(String submission, String rel, Path file) throws IOException {
    int javaRoot = rel.indexOf("/java/");
    if (!rel.endsWith(".java") || javaRoot < 0) {
      return;
    }
    String dir = rel.substring(javaRoot + 6, Math.max(javaRoot + 6, rel.lastIndexOf('/')));
    String expected = dir.replace('/', '.');
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    Matcher m = PACKAGE.matcher(text);
    String declared = m.find() ? m.group(1) : "";
    if (!declared.equals(expected)) {
      throw new SubmissionException(
          submission
              + ": "
              + rel
              + " declares package '"
              + declared
              + "' but lies in '"
              + expected
              + "': the file is in the wrong package");
    }
  }
}
