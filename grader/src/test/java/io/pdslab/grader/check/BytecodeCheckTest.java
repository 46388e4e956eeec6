package io.pdslab.grader.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.grader.Fixtures;
import io.pdslab.grader.build.SourceCompiler;
import io.pdslab.grader.grade.EditableFiles;
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
              ApiPolicy.of(m.allowedApis()),
              BytecodeCheck.givenClasses(classes, new EditableFiles(m.editable())::matches));
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

  /**
   * Given code may use what the lab does not allow students (here {@code java.nio.file.Path}), but
   * only a class that is byte for byte the reference's given class counts as given, and the denials
   * still hold for it.
   */
  @Test
  void givenCodeFacesTheDenialsOnly() {
    String given = "io/pdslab/labs/x/given/Link.java";
    String link =
        "package io.pdslab.labs.x.given;\n"
            + "public class Link { public static Object f() { return java.nio.file.Path.of(\"x\"); } }\n";
    String sub = "package io.pdslab.labs.x;\npublic class Sub { Object g() { return 1; } }\n";
    Path reference = compile("reference", Map.of(given, link, "io/pdslab/labs/x/Sub.java", sub));
    Map<String, byte[]> givenClasses =
        BytecodeCheck.givenClasses(reference, p -> !p.toString().contains("/given/"));
    assertEquals(Set.of("io/pdslab/labs/x/given/Link"), givenClasses.keySet());
    Set<String> packages = Set.of(PKG, PKG + ".given");
    ApiPolicy policy = ApiPolicy.of(List.of());

    assertEquals(
        List.of(),
        BytecodeCheck.check(reference, classpath(), packages, policy, givenClasses),
        "the reference's given class is let through");
    assertEquals(
        "java.nio.file.Path#of",
        apis(BytecodeCheck.check(reference, classpath(), packages, policy)),
        "without the given classes, it is checked like the rest");

    // A student's file (Other.java, editable) that declares a class of the given package is
    // checked.
    Path smuggled =
        compile(
            "smuggled",
            Map.of(
                given,
                link,
                "io/pdslab/labs/x/Sub.java",
                sub,
                "io/pdslab/labs/x/Other.java",
                link.replace("class Link", "class Other")));
    assertEquals(
        "java.nio.file.Path#of",
        apis(BytecodeCheck.check(smuggled, classpath(), packages, policy, givenClasses)));

    // A given class that differs from the reference's is checked, and a denial holds for given
    // code.
    String denied =
        "package io.pdslab.labs.x.given;\n"
            + "public class Link { public static Object f() {"
            + " return Thread.currentThread().getStackTrace(); } }\n";
    Path changed = compile("changed", Map.of(given, denied, "io/pdslab/labs/x/Sub.java", sub));
    assertEquals(
        "java.lang.Thread#getStackTrace",
        apis(BytecodeCheck.check(changed, classpath(), packages, policy, givenClasses)));
    assertEquals(
        "java.lang.Thread#getStackTrace",
        apis(
            BytecodeCheck.check(
                changed,
                classpath(),
                packages,
                policy,
                BytecodeCheck.givenClasses(changed, p -> !p.toString().contains("/given/")))));
  }

  private Path compile(String name, Map<String, String> sources) {
    Path src = tmp.resolve(name + "-src");
    Fixtures.write(src, sources);
    Path classes = tmp.resolve(name + "-classes");
    SourceCompiler.Result r = SourceCompiler.compile(List.of(src), classpath(), classes);
    assertTrue(r.success(), r.errors());
    return classes;
  }

  private static List<String> rulesOf(String lab) {
    return ManifestLoader.load(Path.of("..").toAbsolutePath().normalize(), lab).allowedApis();
  }

  /**
   * JGroups reaches methods and fields by name (MethodCall#invoke, an RpcDispatcher's server
   * object, Protocol#setValue) and builds stacks from configurations: the replication lab allows
   * the channel, message, view and dispatcher members a replica needs, and none of those. Part E's
   * protocol talks to its two neighbours only: it passes on the events it is given but makes none
   * of its own (an event sent down sets state in the protocols below: a view, a digest, the
   * barrier, the transport's address table), and it cannot rewire the stack around the chaos layer.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MethodCall#invoke | new org.jgroups.blocks.MethodCall(\"forName\", new Object[] {\"x\"},"
            + " new Class<?>[] {String.class}).invoke(Class.class);"
            + " | org.jgroups.blocks.MethodCall#invoke",
        "down the stack | ch.getProtocolStack().getDownProtocol();"
            + " | org.jgroups.JChannel#getProtocolStack",
        "protocol fields | org.jgroups.stack.Protocol p = null; p.setValue(\"x\", 1);"
            + " | org.jgroups.stack.Protocol#setValue",
        "configured stack | new org.jgroups.JChannel(\"tcp.xml\"); | org.jgroups.JChannel#<init>",
        "dispatch on a class | new org.jgroups.blocks.RpcDispatcher(ch, String.class);"
            + " | org.jgroups.blocks.RpcDispatcher#<init>",
        "dispatch on the channel | new org.jgroups.blocks.RpcDispatcher(ch, ch);"
            + " | org.jgroups.blocks.RpcDispatcher#<init>",
        "deserialisation | new java.io.ObjectInputStream(null).readObject();"
            + " | java.io.ObjectInputStream",
        "an event of its own | new org.jgroups.Event(org.jgroups.Event.OVERWRITE_DIGEST, null);"
            + " | org.jgroups.Event#<init>",
        "rewire above | org.jgroups.stack.Protocol p = null; p.setUpProtocol(p);"
            + " | org.jgroups.stack.Protocol#setUpProtocol",
        "rewire below | org.jgroups.stack.Protocol p = null; p.setDownProtocol(p);"
            + " | org.jgroups.stack.Protocol#setDownProtocol",
        "another stack | org.jgroups.stack.Protocol p = null; p.setProtocolStack(null);"
            + " | org.jgroups.stack.Protocol#setProtocolStack",
      })
  void replicationRefusesJGroupsReflection(String what, String code, String api) {
    List<BytecodeCheck.Violation> vs =
        check(
            "public class Sub { void f(org.jgroups.JChannel ch) throws Exception { "
                + code
                + " } }",
            rulesOf("replication"));
    assertTrue(
        vs.stream().anyMatch(v -> v.api().equals(api)),
        what + ": expected " + api + " in " + apis(vs));
  }

  @Test
  void replicationAllowsAReplicasOwnDispatcher() {
    String body =
        "public class Sub { Object f(org.jgroups.JChannel ch) throws Exception {"
            + " org.jgroups.blocks.RpcDispatcher d = new org.jgroups.blocks.RpcDispatcher(ch, this);"
            + " return d.callRemoteMethod(ch.getView().getCoord(),"
            + " new org.jgroups.blocks.MethodCall(\"f\", new Object[] {ch},"
            + " new Class<?>[] {org.jgroups.JChannel.class}),"
            + " org.jgroups.blocks.RequestOptions.SYNC().timeout(10)); } }";
    assertEquals(List.of(), check(body, rulesOf("replication")));
  }

  /** Field updaters and VarHandles look fields up by name: only in the submission's own classes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "own VarHandle | MethodHandles.lookup().findVarHandle(Sub.class, \"v\", int.class); | ",
        "own updater | AtomicIntegerFieldUpdater.newUpdater(Sub.class, \"v\"); | ",
        "own reference updater | AtomicReferenceFieldUpdater.newUpdater(Sub.class, Object.class,"
            + " \"o\"); | ",
        "foreign VarHandle | MethodHandles.lookup().findVarHandle(Thread.class, \"name\","
            + " String.class); | java.lang.invoke.MethodHandles$Lookup#findVarHandle",
        "computed class | MethodHandles.lookup().findVarHandle(getClass(), \"v\", int.class);"
            + " | java.lang.invoke.MethodHandles$Lookup#findVarHandle",
        "foreign updater | AtomicLongFieldUpdater.newUpdater(java.util.concurrent.FutureTask.class,"
            + " \"state\"); | java.util.concurrent.atomic.AtomicLongFieldUpdater#newUpdater",
        "chosen updater | AtomicIntegerFieldUpdater.newUpdater(flag ? Sub.class : (Class) Thread.class,"
            + " \"v\"); | java.util.concurrent.atomic.AtomicIntegerFieldUpdater#newUpdater",
      })
  void fieldsByNameOnlyInOwnClasses(String what, String code, String api) {
    String body =
        "import java.lang.invoke.MethodHandles; import java.util.concurrent.atomic.*;"
            + " public class Sub { volatile int v; volatile Object o; boolean flag;"
            + " void f() throws Exception { "
            + code
            + " } }";
    List<BytecodeCheck.Violation> vs = check(body, rulesOf("concurrent"));
    if (api == null) {
      assertEquals(List.of(), vs, what);
    } else {
      assertEquals(api, apis(vs), what);
    }
  }

  @Test
  void rpcRefusesRawMemoryBuffers() {
    List<BytecodeCheck.Violation> vs =
        check(
            "public class Sub { Object f() { return io.netty.buffer.Unpooled.wrappedBuffer(0L, 8,"
                + " false); } }",
            rulesOf("rpc"));
    assertEquals("io.netty.buffer.Unpooled#wrappedBuffer", apis(vs));
  }

  @Test
  void aRuleAboutOneOverloadLeavesTheOthersAllowed() {
    List<BytecodeCheck.Violation> vs =
        check(
            "public class Sub { Object f(byte[] b) { return io.netty.buffer.Unpooled.wrappedBuffer(b);"
                + " } }",
            rulesOf("rpc"));
    assertEquals(List.of(), vs, "wrappedBuffer(byte[]) is the usual way to wrap a frame");
  }

  @Test
  void parameterAnnotationsAreChecked() {
    List<BytecodeCheck.Violation> vs =
        check(
            "public class Sub { void f(@org.junit.jupiter.api.io.TempDir Object dir) {} }",
            List.of());
    assertEquals("org.junit.jupiter.api.io.TempDir", apis(vs));
  }

  @Test
  void malformedRulesAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> ApiRule.parse("java.lang.System#"));
    assertThrows(IllegalArgumentException.class, () -> ApiRule.parse("java..lang"));
    assertTrue(ApiRule.parse("org.apache.pekko.**").matchesClass("org.apache.pekko.actor.X$Y"));
    assertFalse(ApiRule.parse("java.util.*").matchesClass("java.util.concurrent.X"));
    assertTrue(ApiRule.parse("java.util.*").matchesClass("java.util.Map$Entry"));
    assertThrows(IllegalArgumentException.class, () -> ApiRule.parse("a.B#m(int"));
    assertThrows(IllegalArgumentException.class, () -> ApiRule.parse("a.B#m(int,)"));
  }

  @Test
  void aRuleCanNameOneOverload() {
    ApiRule rule = ApiRule.parse("a.B#m(long, int, byte[], java.lang.String, java.util.Map$Entry)");
    String desc = "(JI[BLjava/lang/String;Ljava/util/Map$Entry;)V";
    assertTrue(rule.matchesMember("m", desc));
    assertFalse(rule.matchesMember("m", "(JI[BLjava/lang/String;)V"), "another overload");
    assertFalse(rule.matchesMember("m", null), "a field named like the method");
    assertTrue(ApiRule.parse("a.B#m()").matchesMember("m", "()V"));
    assertFalse(ApiRule.parse("a.B#m()").matchesMember("m", "(I)V"));
    assertTrue(ApiRule.parse("a.B#m").matchesMember("m", "(I)V"), "no list: every overload");
  }
}
