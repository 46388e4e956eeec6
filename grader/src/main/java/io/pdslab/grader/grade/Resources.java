package io.pdslab.grader.grade;

import io.pdslab.grader.run.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a resource folder onto a class folder, as Maven's resources phase would. */
final class Resources {
  private Resources() {}

  static void copy(Path resources, Path classes) {
    if (Files.isDirectory(resources)) {
      FileTrees.copyOver(resources, classes);
    }
  }
}
