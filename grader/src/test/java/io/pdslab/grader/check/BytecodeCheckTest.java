package io.pdslab.grader.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.grader.build.SourceCompiler;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the API check lets through and what it refuses, on small compiled classes. */
class BytecodeCheckTest {
  private static final String PKG = "io.pdslab.labs.x";
  @TempDir Path tmp;

  /** This JVM's test class path: JUnit, the harness, Pekko, Jackson. */
  private static List<Path> classpath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).map(Path::of).toList();
  }

  private List<BytecodeCheck.Violation> check(String body, List<String> labRules) {
    Path src = tmp.resolve("src");
    Fixtures.write(
        src, Map.of("io/pdslab/labs/x/Sub.java", "package " + PKG + ";\n" + body + "\n"));
    Path classes = tmp.resolve("classes");
    SourceCompiler.Result r = SourceCompiler.compile(List.of(src), classpath(), classes);
    assertTrue(r.success(), r.errors());
    return BytecodeCheck.check(classes, classpath(), Set.of(PKG), ApiPolicy.of(labRules));
  }

  private static String apis(List<BytecodeCheck.Violation> vs) {
    return vs.stream().map(BytecodeCheck.Violation::api).collect(Collectors.joining(", "));
  }

  @Test
  void everyLabsReferencePasses() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<LabManifest> labs = ManifestLoader.loadAll(root);
    assertFalse(labs.isEmpty());
    for (LabManifest m : labs) {
      Path src = root.resolve("labs").resolve(m.lab()).resolve("src/main/java");
      Path classes = tmp.resolve("ref-" + m.lab());
      SourceCompiler.Result r = SourceCompiler.compile(List.of(src), classpath(), classes);
      if (!r.success()) {
        // A lab whose engine is not on the grader's class path is checked by `grade --examples`.
        continue;
      }
      List<BytecodeCheck.Violation> vs =
          BytecodeCheck.check(
              classes,
              classpath(),
              BytecodeCheck.packagesOf(classes),
              ApiPolicy.of(m.allowedApis()));
      assertEquals(List.of(), vs, m.lab() + ":\n" + BytecodeCheck.report(vs));
    }
  }

  @Test
  void allowsWhatDataStructureCodeNeeds() {
    String body =
        """
        import java.util.*;
        import java.util.concurrent.atomic.*;
        import java.util.concurrent.locks.*;
        public class Sub<T> implements Iterable<T> {
          record Node<T>(T item, AtomicReference<Node<T>> next) {}
          enum Mode { FAST, SLOW }
          private final AtomicReference<Node<T>> head = new AtomicReference<>();
          private final ReentrantLock lock = new ReentrantLock();
          public void push(T x) {
            Node<T> n = new Node<>(x, new AtomicReference<>(head.get()));
            while (!head.compareAndSet(n.next().get(), n)) { Thread.onSpinWait(); }
            assert x != null;
            String s = "pushed " + x + " on " + Thread.currentThread().getName();
            Runnable r = () -> System.out.println(s);
            int k = switch (Mode.FAST) { case FAST -> 1; case SLOW -> 2; };
            lock.lock(); try { r.run(); } finally { lock.unlock(); }
            if (k > 3) throw new IllegalStateException(String.valueOf(Math.max(k, 1)));
          }
          public Iterator<T> iterator() { return new ArrayList<T>().iterator(); }
          class Worker extends Thread { public void run() { setName("w" + getId()); } }
        }
        """;
    assertEquals(List.of(), check(body, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "reflection | Class<?> c = Class.forName(\"x\"); " + "| java.lang.Class#forName",
        "setAccessible | java.lang.reflect.Field f = null; f.setAccessible(true); "
            + "| java.lang.reflect.Field#setAccessible",
        "class loader | new java.net.URLClassLoader(new java.net.URL[0]); "
            + "| java.net.URLClassLoader",
        "heap dump | java.lang.management.ManagementFactory.getPlatformMXBeans(null); "
            + "| java.lang.management.ManagementFactory#getPlatformMXBeans",
        "attach | com.sun.tools.attach.VirtualMachine.attach(\"1\"); "
            + "| com.sun.tools.attach.VirtualMachine#attach",
        "JDK compiler | javax.tools.ToolProvider.getSystemJavaCompiler(); "
            + "| javax.tools.ToolProvider#getSystemJavaCompiler",
        "files | java.nio.file.Files.readAllBytes(null); | java.nio.file.Files#readAllBytes",
        "raw stdout | new java.io.FileOutputStream(java.io.FileDescriptor.out); "
            + "| java.io.FileDescriptor#out",
        "exit | System.exit(1); | java.lang.System#exit",
        "halt | Runtime.getRuntime().halt(1); | java.lang.Runtime#halt",
        "properties | System.getProperty(\"pdslab.referenceClasses\"); "
            + "| java.lang.System#getProperty",
        "setOut | System.setOut(null); | java.lang.System#setOut",
        "stack walking | new Throwable().getStackTrace(); | java.lang.Throwable#getStackTrace",
        "processes | new ProcessBuilder(\"sh\"); | java.lang.ProcessBuilder",
        "JUnit | org.junit.jupiter.api.Assertions.fail(); "
            + "| org.junit.jupiter.api.Assertions#fail",
        "harness internals | io.pdslab.harness.perf.Workers.dump(null); "
            + "| io.pdslab.harness.perf.Workers#dump",
        "method handles | java.lang.invoke.MethodHandles.lookup(); "
            + "| java.lang.invoke.MethodHandles#lookup",
      })
  void refusesWhatCouldForgeAResultOrReachTheReference(String what, String code, String api)
      throws Exception {
    List<BytecodeCheck.Violation> vs =
        check("public class Sub { void f() throws Exception { " + code + " } }", List.of());
    assertTrue(
        vs.stream().anyMatch(v -> v.api().equals(api)),
        what + ": expected " + api + " in " + apis(vs));
    assertTrue(vs.get(0).where().startsWith(PKG + ".Sub.f (Sub.java:"), vs.get(0).where());
  }

  @Test
  void judgesAnInheritedMemberWhereItIsDeclared() {
    List<BytecodeCheck.Violation> vs =
        check(
            "public class Sub extends Thread { Object f() { return getStackTrace(); } }",
            List.of());
    assertEquals("java.lang.Thread#getStackTrace", apis(vs));
    vs =
        check(
            "public class Sub { Object f(java.util.concurrent.ForkJoinWorkerThread t) {"
                + " return t.getContextClassLoader(); } }",
            List.of());
    assertEquals("java.lang.Thread#getContextClassLoader", apis(vs));
  }

  @Test
  void aMethodReferenceIsAUse() {
    List<BytecodeCheck.Violation> vs =
        check(
            "public class Sub { Runnable f() { return java.lang.management.ManagementFactory"
                + "::getRuntimeMXBean; } }",
            List.of());
    assertTrue(apis(vs).contains("ManagementFactory#getRuntimeMXBean"), apis(vs));
  }

  @Test
  void aLabWidensTheList() {
    String body =
        "public class Sub { int v; static final java.lang.invoke.VarHandle V; static { try { V ="
            + " java.lang.invoke.MethodHandles.lookup().findVarHandle(Sub.class, \"v\","
            + " int.class); } catch (ReflectiveOperationException e) { throw new Error(e); } }"
            + " boolean cas() { return V.compareAndSet(this, 0, 1); } }";
    assertFalse(check(body, List.of()).isEmpty());
    assertEquals(
        List.of(),
        check(
            body,
            List.of(
                "java.lang.invoke.VarHandle",
                "java.lang.invoke.MethodHandles#lookup",
                "java.lang.invoke.MethodHandles$Lookup#findVarHandle")));
  }

  @Test
  void refusesClassesOutsideTheLabsPackagesAndNativeCode() throws Exception {
    Path src = tmp.resolve("src");
    Fixtures.write(
        src,
        Map.of(
            "io/pdslab/labs/x/Sub.java",
            "package org.junit.jupiter.api;\npublic class Sub { native void f(); }\n"));
    Path classes = tmp.resolve("classes");
    assertTrue(SourceCompiler.compile(List.of(src), classpath(), classes).success());
    List<BytecodeCheck.Violation> vs =
        BytecodeCheck.check(classes, classpath(), Set.of(PKG), ApiPolicy.of(List.of()));
    String report = BytecodeCheck.report(vs);
    assertTrue(
        report.contains("package org.junit.jupiter.api: not one of the lab's packages"), report);
    assertTrue(report.contains("native code is not allowed"), report);
    assertTrue(Files.isDirectory(classes));
  }

  @Test
  void malformedRulesAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> ApiRule.parse("java.lang.System#"));
    assertThrows(IllegalArgumentException.class, () -> ApiRule.parse("java..lang"));
    assertTrue(ApiRule.parse("org.apache.pekko.**").matchesClass("org.apache.pekko.actor.X$Y"));
    assertFalse(ApiRule.parse("java.util.*").matchesClass("java.util.concurrent.X"));
    assertTrue(ApiRule.parse("java.util.*").matchesClass("java.util.Map$Entry"));
  }
}
