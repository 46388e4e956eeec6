package io.pdslab.grader.grade;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest's {@code editable} globs. As in most tools (and unlike Java's glob syntax), {@code
 * dir/**}{@code /*.java} also matches files directly in {@code dir}.
 */
public final class EditableFiles {
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
    return matchers.stream().anyMatch(m -> m.matches(labRelative));
  }
}
