package io.pdslab.harness.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

/**
 * Loads the instructor's reference version of a class so that it can run next to the student's
 * version of the same class in one JVM.
 *
 * <p>With system property {@value #PROPERTY} set to a directory of compiled reference classes,
 * every class found there is loaded child-first by a dedicated class loader, except the shared API
 * types named by the caller (interfaces such as {@code ConcurrentSet}), which come from the
 * caller's class path so both versions can be used through them. Without the property the
 * "reference" is the class on the class path itself, and a comparison measures the implementation
 * against itself (a ratio near 1).
 */
public final class ReferenceClasses {
  /** System property naming the directory of compiled reference classes. */
  public static final String PROPERTY = "pdslab.referenceClasses";

  private ReferenceClasses() {}

  /** Whether a separate reference is configured (the grader sets the property). */
  public static boolean configured() {
    String dir = System.getProperty(PROPERTY);
    return dir != null && !dir.isBlank();
  }

  /**
   * The reference version of {@code studentClass}.
   *
   * @param studentClass the class as compiled from the submission
   * @param shared API types both versions must share (loaded from the caller's class path)
   * @throws IllegalStateException if the property names a directory that does not hold the class
   */
  public static Class<?> load(Class<?> studentClass, Class<?>... shared) {
    if (!configured()) {
      return studentClass;
    }
    Path dir = Paths.get(System.getProperty(PROPERTY));
    String resource = studentClass.getName().replace('.', '/') + ".class";
    if (!Files.isRegularFile(dir.resolve(resource))) {
      throw new IllegalStateException(
          PROPERTY + "=" + dir + " does not contain " + resource + ": wrong directory?");
    }
    Set<String> sharedNames =
        java.util.Arrays.stream(shared)
            .map(Class::getName)
            .collect(java.util.stream.Collectors.toSet());
    try {
      ClassLoader loader = new ChildFirstLoader(dir, sharedNames, studentClass.getClassLoader());
      return Class.forName(studentClass.getName(), true, loader);
    } catch (ClassNotFoundException | MalformedURLException e) {
      throw new IllegalStateException("cannot load reference " + studentClass.getName(), e);
    }
  }

  /**
   * A new instance of the reference version of {@code studentClass}, built by its public no-arg
   * constructor and viewed through {@code api} (which must be among the shared types, or a JDK
   * type).
   */
  public static <A> A newInstance(
      Class<? extends A> studentClass, Class<A> api, Class<?>... shared) {
    Class<?>[] all = java.util.Arrays.copyOf(shared, shared.length + 1);
    all[shared.length] = api;
    Class<?> c = load(studentClass, all);
    try {
      return api.cast(c.getConstructor().newInstance());
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(c.getName() + " needs a public no-arg constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("constructing " + c.getName() + " failed", e.getCause());
    }
  }

  /** Child-first for classes present in the reference directory, parent-first otherwise. */
  private static final class ChildFirstLoader extends URLClassLoader {
    private final Path dir;
    private final Set<String> shared;

    ChildFirstLoader(Path dir, Set<String> shared, ClassLoader parent)
        throws MalformedURLException {
      super(new URL[] {dir.toUri().toURL()}, parent);
      this.dir = dir;
      this.shared = shared;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          String resource = name.replace('.', '/') + ".class";
          if (!shared.contains(name) && Files.isRegularFile(dir.resolve(resource))) {
            c = defineFrom(name, dir.resolve(resource));
          } else {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    private Class<?> defineFrom(String name, Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
