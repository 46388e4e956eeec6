// HANDOUT: OMIT
package io.pdslab.labs.raft.testing;

import io.pdslab.harness.sim.Simulation;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A copy of one of the reference's classes ({@code Raft}, or {@code KvServer}) with one known bug
 * planted by a textual patch, compiled at test time and loaded (with the lab's test classes) in its
 * own class loader. Used to check that the tests catch real bugs; only meaningful on the reference
 * (with solution markers).
 */
public final class Mutant implements AutoCloseable {
  private static final String PACKAGE = "io.pdslab.labs.raft.";
  private static final String SOURCES = "src/main/java/io/pdslab/labs/raft/";

  /** The peer: {@code Raft.java}. */
  public static final String RAFT = "Raft.java";

  /** The key-value server: {@code kv/KvServer.java}. */
  public static final String KV_SERVER = "kv/KvServer.java";

  private final URLClassLoader loader;
  private final Path dir;

  private Mutant(URLClassLoader loader, Path dir) {
    this.loader = loader;
    this.dir = dir;
  }

  /**
   * The reference source of {@code file} ({@link #RAFT} or {@link #KV_SERVER}), or null if this is
   * not the reference (a student's copy).
   */
  public static String referenceSource(String file) throws IOException {
    Path lab = Path.of(System.getProperty(PdslabProperties.ROOT, "../.."), "labs", "raft");
    String rel = SOURCES + file;
    Path path = Files.exists(lab.resolve(rel)) ? lab.resolve(rel) : Path.of(rel);
    String source = Files.readString(path);
    return source.contains("// BEGIN " + "SOLUTION") ? source : null;
  }

  /**
   * Compiles {@code source} of {@code file} with {@code original} replaced (exactly once) by {@code
   * bug}.
   */
  public static Mutant of(String file, String source, String original, String bug)
      throws IOException {
    int at = source.indexOf(original);
    if (at < 0 || source.indexOf(original, at + 1) >= 0) {
      throw new IllegalStateException("the reference " + file + " must contain once: " + original);
    }
    Path dir = Files.createTempDirectory("raft-mutant");
    Path src = dir.resolve("src/io/pdslab/labs/raft/" + file);
    Files.createDirectories(src.getParent());
    Files.writeString(src, source.replace(original, bug));
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
                        + java.io.File.pathSeparator
                        + path(mainClasses()),
                    "-proc:none",
                    "-nowarn"),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile()))
            .call();
    if (!ok) {
      throw new IllegalStateException("mutant does not compile:\n" + errors);
    }
    URL[] urls = {classes.toUri().toURL(), location(Mutant.class), mainClasses()};
    return new Mutant(new ChildFirst(urls, Mutant.class.getClassLoader()), dir);
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
