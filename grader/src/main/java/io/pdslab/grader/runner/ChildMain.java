package io.pdslab.grader.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Main class of the child JVM that runs a lab's tests. Usage: {@code ChildMain discover|run
 * SELECTION_FILE} (see {@link ChildEvent.Mode}); the first line of standard input is the hex key of
 * the result channel. The selection file has one selector a line: {@code class C}, {@code method C
 * m} or {@code root DIR}. Test methods are reported as a class and a method field.
 *
 * <p>It only reports what JUnit observed; the parent decides outcomes, so nothing here is trusted.
 */
public final class ChildMain {
  private static final int MAX_MESSAGE = 8_000;

  private ChildMain() {}

  /** Entry point of the child JVM. */
  public static void main(String[] args) throws Exception {
    ChildEvent.Mode mode = args.length == 2 ? mode(args[0]) : null;
    if (mode == null) {
      System.err.println("usage: ChildMain discover|run SELECTION_FILE");
      Runtime.getRuntime().halt(2);
    }
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    String keyHex = stdin.readLine();
    EventChannel channel = EventChannel.takeOverStdout(HexFormat.of().parseHex(keyHex.trim()));
    channel.send(ChildEvent.HELLO);
    List<DiscoverySelector> selectors = selectors(Path.of(args[1]), channel);
    Launcher launcher = LauncherFactory.create();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    if (mode == ChildEvent.Mode.DISCOVER) {
      TestPlan plan = launcher.discover(request);
      Set<List<String>> found = new LinkedHashSet<>();
      for (TestIdentifier root : plan.getRoots()) {
        for (TestIdentifier id : plan.getDescendants(root)) {
          methodOf(id.getSource())
              .ifPresent(m -> found.add(List.of(m.getClassName(), m.getMethodName())));
        }
      }
      for (List<String> m : found) {
        channel.send(
            ChildEvent.FOUND, ChildEvent.Field.CLASS, m.get(0), ChildEvent.Field.METHOD, m.get(1));
      }
    } else {
      launcher.execute(request, new Reporter(channel));
    }
    channel.send(ChildEvent.DONE);
    // Test code may have left non-daemon threads or shutdown hooks behind: do not wait for them.
    Runtime.getRuntime().halt(0);
  }

  private static List<DiscoverySelector> selectors(Path file, EventChannel channel)
      throws IOException {
    List<DiscoverySelector> out = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String kind = line.substring(0, line.indexOf(' '));
      String arg = line.substring(line.indexOf(' ') + 1).trim();
      switch (kind) {
        case "root" -> out.addAll(selectClasspathRoots(Set.of(Path.of(arg))));
        case "class" -> out.add(selectClass(arg));
        case "method" -> {
          String className = arg.substring(0, arg.indexOf(' '));
          String method = arg.substring(arg.indexOf(' ') + 1);
          List<DiscoverySelector> methods = methodSelectors(className, method, loader);
          if (methods.isEmpty()) {
            channel.send(
                ChildEvent.MISSING,
                ChildEvent.Field.CLASS,
                className,
                ChildEvent.Field.METHOD,
                method);
          }
          out.addAll(methods);
        }
        default -> throw new IllegalArgumentException("bad selector line: " + line);
      }
    }
    return out;
  }

  /** Selects every method named so: test methods may take parameters (seeds, simulations). */
  private static List<DiscoverySelector> methodSelectors(
      String className, String name, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return List.of();
    }
    List<DiscoverySelector> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && seen.add(m.toGenericString())) {
          out.add(selectMethod(type, m));
        }
      }
    }
    return out;
  }

  private static ChildEvent.Mode mode(String arg) {
    for (ChildEvent.Mode m : ChildEvent.Mode.values()) {
      if (m.wireName().equals(arg)) {
        return m;
      }
    }
    return null;
  }

  static Optional<MethodSource> methodOf(Optional<TestSource> source) {
    return source.filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
  }

  /** The fields that name a test method in an event: its class and its name (or nothing). */
  private static Object[] naming(Optional<MethodSource> m) {
    return new Object[] {
      ChildEvent.Field.CLASS,
      m.map(MethodSource::getClassName).orElse(null),
      ChildEvent.Field.METHOD,
      m.map(MethodSource::getMethodName).orElse(null)
    };
  }

  /** {@code naming} followed by more alternating fields and values. */
  private static Object[] fields(Optional<MethodSource> m, Object... more) {
    Object[] named = naming(m);
    Object[] out = java.util.Arrays.copyOf(named, named.length + more.length);
    System.arraycopy(more, 0, out, named.length, more.length);
    return out;
  }

  /** Streams JUnit's observations to the parent. */
  private static final class Reporter implements TestExecutionListener {
    private final EventChannel channel;
    private TestPlan plan;

    Reporter(EventChannel channel) {
      this.channel = channel;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      this.plan = testPlan;
    }

    /** The test method an identifier belongs to (itself, or its closest method ancestor). */
    private Optional<MethodSource> method(TestIdentifier id) {
      for (Optional<TestIdentifier> cur = Optional.of(id);
          cur.isPresent();
          cur = plan.getParent(cur.get())) {
        Optional<MethodSource> m = methodOf(cur.get().getSource());
        if (m.isPresent()) {
          return m;
        }
      }
      return Optional.empty();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
      if (id.isTest()) {
        channel.send(
            ChildEvent.START,
            fields(
                method(id),
                ChildEvent.Field.UID,
                id.getUniqueId(),
                ChildEvent.Field.NAME,
                id.getDisplayName()));
      }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      Optional<MethodSource> m = method(id);
      if (m.isPresent()) {
        channel.send(
            ChildEvent.SKIP,
            fields(m, ChildEvent.Field.UID, id.getUniqueId(), ChildEvent.Field.REASON, reason));
      }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      String message = result.getThrowable().map(ChildMain::describe).orElse(null);
      if (id.isTest()) {
        channel.send(
            ChildEvent.FINISH,
            fields(
                method(id),
                ChildEvent.Field.UID,
                id.getUniqueId(),
                ChildEvent.Field.NAME,
                id.getDisplayName(),
                ChildEvent.Field.STATUS,
                result.getStatus().name(),
                ChildEvent.Field.MESSAGE,
                message));
      } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        Optional<TestSource> source = id.getSource();
        if (methodOf(source).isPresent()) {
          channel.send(
              ChildEvent.METHOD_FAIL,
              fields(
                  methodOf(source),
                  ChildEvent.Field.UID,
                  id.getUniqueId(),
                  ChildEvent.Field.MESSAGE,
                  message));
        } else if (source.filter(ClassSource.class::isInstance).isPresent()) {
          channel.send(
              ChildEvent.CLASS_FAIL,
              ChildEvent.Field.CLASS,
              ((ClassSource) source.get()).getClassName(),
              ChildEvent.Field.MESSAGE,
              message);
        }
      }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
      Optional<MethodSource> m = method(id);
      entry
          .getKeyValuePairs()
          .forEach(
              (k, v) ->
                  channel.send(
                      ChildEvent.ENTRY,
                      fields(
                          m,
                          ChildEvent.Field.UID,
                          id.getUniqueId(),
                          ChildEvent.Field.KEY,
                          k,
                          ChildEvent.Field.VALUE,
                          v)));
    }
  }

  /** A failure's message and the top of its stack trace, bounded. */
  static String describe(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "\n\t... (truncated)";
  }
}
