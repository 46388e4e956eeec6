package io.pdslab.grader.run;

import io.pdslab.grader.runner.ChildMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The classpath entries the child JVM needs on top of the lab's test classpath: the runner's main
 * class and the JUnit Platform Launcher. When the CLI runs from its shaded jar, only those packages
 * are extracted (once per process) so that the rest of the CLI (logback, Jackson, harness copies)
 * does not leak onto the tested code's classpath.
 */
final class RunnerClasspath {
  private static final String[] PREFIXES = {
    "io/pdslab/grader/runner/",
    "org/junit/platform/launcher/",
    "META-INF/services/org.junit.platform.launcher."
  };
  private static List<Path> cached;

  private RunnerClasspath() {}

  static synchronized List<Path> entries() {
    if (cached == null) {
      Set<Path> out = new LinkedHashSet<>();
      for (Class<?> c : List.of(ChildMain.class, LauncherFactory.class)) {
        Path source = codeSource(c);
        out.add(Files.isDirectory(source) || !isShaded(source) ? source : extract(source));
      }
      cached = List.copyOf(out);
    }
    return cached;
  }

  private static Path codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + c, e);
    }
  }

  /** The CLI's own jar contains both the runner and the launcher. */
  private static boolean isShaded(Path jar) {
    return jar.getFileName().toString().startsWith("pdslab");
  }

  private static Path extract(Path jar) {
    try (JarFile in = new JarFile(jar.toFile())) {
      Path dir = Files.createTempDirectory("pdslab-runner");
      List<Path> written = new ArrayList<>();
      for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (entry.isDirectory() || !wanted(entry.getName())) {
          continue;
        }
        Path target = dir.resolve(entry.getName()).normalize();
        Files.createDirectories(target.getParent());
        try (InputStream data = in.getInputStream(entry)) {
          Files.copy(data, target, StandardCopyOption.REPLACE_EXISTING);
        }
        written.add(target);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(dir), "pdslab-runner-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the test runner from " + jar, e);
    }
  }

  private static boolean wanted(String name) {
    for (String p : PREFIXES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
