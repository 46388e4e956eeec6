package io.pdslab.grader.grade;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a lab that are the student's: those matching the manifest's {@code editable} globs,
 * except given code. As in most tools (and unlike Java's glob syntax), {@code dir/**}{@code
 * /*.java} also matches files directly in {@code dir}.
 *
 * <p>The convention every lab follows: the student's classes live in {@code io.pdslab.labs.<lab>}
 * and its feature sub-packages, and the code the tests rely on (interfaces, the actor around a
 * node, clients, helpers) in the sub-package {@code io.pdslab.labs.<lab>.given} and its
 * sub-packages. A path with a {@value #GIVEN} folder is never editable, whatever the globs say, so
 * a too-wide glob cannot hand given code to a submission.
 */
public final class EditableFiles {
  /** The folder (package) name of given code. */
  public static final String GIVEN = "given";

  private final List<PathMatcher> matchers = new ArrayList<>();

  /** The globs of a manifest's {@code editable} list. */
  public EditableFiles(List<String> globs) {
    for (String g : globs) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
      if (g.contains("/**/")) {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g.replace("/**/", "/")));
      }
    }
  }

  /** Whether the lab-relative path is editable. */
  public boolean matches(Path labRelative) {
    return !isGiven(labRelative) && matchers.stream().anyMatch(m -> m.matches(labRelative));
  }

  /** Whether the lab-relative path lies in a {@value #GIVEN} folder. */
  public static boolean isGiven(Path labRelative) {
    Path parent = labRelative.getParent();
    if (parent == null) {
      return false;
    }
    for (Path part : parent) {
      if (part.toString().equals(GIVEN)) {
        return true;
      }
    }
    return false;
  }
}
