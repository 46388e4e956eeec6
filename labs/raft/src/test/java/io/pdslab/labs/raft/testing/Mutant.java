// HANDOUT: OMIT
package io.pdslab.labs.raft.testing;

import io.pdslab.harness.sim.Simulation;
import io.pdslab.harness.testrun.PdslabProperties;
import io.pdslab.harness.testrun.PlantedBug;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The reference with one known bug planted (a {@link PlantedBug} from {@code
 * src/hidden/planted/<name>.json}), its changed files compiled at test time and loaded (with the
 * lab's test classes) in their own class loader. Used to check that the tests catch real bugs; only
 * meaningful on the reference (with solution markers), and never in the handout.
 */
public final class Mutant implements AutoCloseable {
  private static final String PACKAGE = "io.pdslab.labs.raft.";
  private static final String PLANTED = "src/hidden/planted/";
  private static final String SOURCES = "src/main/java/io/pdslab/labs/raft/";

  private final URLClassLoader loader;
  private final Path dir;

  private Mutant(URLClassLoader loader, Path dir) {
    this.loader = loader;
    this.dir = dir;
  }

  /**
   * The planted bug {@code name} ({@code src/hidden/planted/<name>.json}), or empty if this is not
   * the reference (a student's copy has no solution markers, and no planted bugs).
   *
   * @throws IllegalArgumentException on the reference, if there is no such planted bug
   */
  public static Optional<PlantedBug> planted(String name) throws IOException {
    Path lab = labDir();
    if (!Files.readString(lab.resolve(SOURCES + "Raft.java")).contains("// BEGIN " + "SOLUTION")) {
      return Optional.empty();
    }
    return Optional.of(PlantedBug.read(lab.resolve(PLANTED + name + ".json"), "raft/" + name));
  }

  /** Compiles the reference's files {@code bug} edits, with the bug planted. */
  public static Mutant of(PlantedBug bug) throws IOException {
    Path dir = Files.createTempDirectory("raft-mutant");
    List<File> sources = new ArrayList<>();
    for (String f : bug.files()) {
      Path copy = dir.resolve(f);
      Files.createDirectories(copy.getParent());
      Files.copy(labDir().resolve(f), copy);
      sources.add(copy.toFile());
    }
    bug.applyTo(dir);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of(
                    "-d",
                    classes.toString(),
                    "-cp",
                    System.getProperty("java.class.path")
                        + File.pathSeparator
                        + path(mainClasses()),
                    "-proc:none",
                    "-nowarn"),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromFiles(sources))
            .call();
    if (!ok) {
      throw new IllegalStateException(bug.name() + " does not compile:\n" + errors);
    }
    URL[] urls = {classes.toUri().toURL(), location(Mutant.class), mainClasses()};
    return new Mutant(new ChildFirst(urls, Mutant.class.getClassLoader()), dir);
  }

  /** The lab's folder: under the project root when known, else the working directory. */
  private static Path labDir() {
    Path lab = Path.of(System.getProperty(PdslabProperties.ROOT, "../.."), "labs", "raft");
    return Files.isRegularFile(lab.resolve("lab.json")) ? lab : Path.of("");
  }

  /**
   * Runs {@code Class#method(long seed)} of the lab's test classes against the mutant. Returns the
   * failure it raised, or null if it passed.
   */
  public Throwable run(String className, String method, long seed)
      throws ReflectiveOperationException {
    Class<?> c = loader.loadClass(PACKAGE + className);
    var m = c.getDeclaredMethod(method, Simulation.class);
    m.setAccessible(true);
    // Jackson resolves the class names it reads (log entries' commands) with this loader.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Object target = null;
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        var constructor = c.getDeclaredConstructor();
        constructor.setAccessible(true);
        target = constructor.newInstance();
      }
      m.invoke(target, new Simulation(seed));
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static URL mainClasses() throws IOException {
    try {
      return location(Class.forName(PACKAGE + "Raft"));
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }

  private static String path(URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(url.toString(), e);
    }
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  /** Loads the lab's classes itself (so they link to the mutant), everything else from parent. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
