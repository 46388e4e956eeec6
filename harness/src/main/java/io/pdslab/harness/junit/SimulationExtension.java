package io.pdslab.harness.junit;

import static io.pdslab.harness.testrun.PdslabProperties.EXPLORE_SEED;
import static io.pdslab.harness.testrun.PdslabProperties.LAB;
import static io.pdslab.harness.testrun.PdslabProperties.SEED;
import static io.pdslab.harness.testrun.PdslabProperties.SEEDS;
import static io.pdslab.harness.testrun.PdslabProperties.TRACE_DIR;

import io.pdslab.harness.sim.Simulation;
import io.pdslab.harness.testrun.ReplayLine;
import io.pdslab.harness.testrun.TestId;
import io.pdslab.harness.trace.TraceHtml;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SimulationTest} methods once per seed, injects the {@link Simulation}, writes traces,
 * and turns failures into reproducible reports. Settings are read as JUnit configuration
 * parameters, which fall back to system properties.
 */
public final class SimulationExtension implements TestTemplateInvocationContextProvider {
  static final int DEFAULT_SEEDS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(SimulationExtension.class);

  /** Report entry of each run: the virtual milliseconds it simulated. */
  public static final String SIMULATED_MS = "simulatedMs";

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> m.isAnnotationPresent(SimulationTest.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    List<Long> seeds = seeds(context);
    boolean single = seeds.size() == 1;
    return seeds.stream().map(seed -> new SeedInvocation(seed, single));
  }

  private static List<Long> seeds(ExtensionContext context) {
    Optional<String> replay = context.getConfigurationParameter(SEED);
    if (replay.isPresent()) {
      return List.of(parseLong(SEED, replay.get()));
    }
    Optional<SimulationTest> annotation =
        AnnotationSupport.findAnnotation(context.getTestMethod(), SimulationTest.class);
    if (annotation.isPresent() && annotation.get().seed() != SimulationTest.NO_SEED) {
      return List.of(annotation.get().seed());
    }
    long count =
        context
            .getConfigurationParameter(SEEDS)
            .map(v -> parseLong(SEEDS, v))
            .orElse((long) DEFAULT_SEEDS);
    if (count < 1) {
      throw new IllegalArgumentException(SEEDS + " must be at least 1, got " + count);
    }
    return LongStream.rangeClosed(1, count).boxed().toList();
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'", e);
    }
  }

  /** One invocation of a simulated test with one seed. */
  private static final class SeedInvocation implements TestTemplateInvocationContext {
    private final long seed;
    private final boolean onlySeed;

    SeedInvocation(long seed, boolean onlySeed) {
      this.seed = seed;
      this.onlySeed = onlySeed;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "seed=" + seed;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new SeedRun(seed, onlySeed));
    }
  }

  /** Owns one run's simulation: injects it, writes its trace, reports its failure. */
  private static final class SeedRun
      implements ParameterResolver, TestExecutionExceptionHandler, AfterTestExecutionCallback {
    private final long seed;
    private final boolean onlySeed;
    private Simulation simulation;
    private boolean traceWritten;

    SeedRun(long seed, boolean onlySeed) {
      this.seed = seed;
      this.onlySeed = onlySeed;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == Simulation.class || type == long.class || type == Long.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      if (type == Simulation.class) {
        if (simulation == null) {
          simulation = new Simulation(seed);
        }
        return simulation;
      }
      if (type == long.class || type == Long.class) {
        return seed;
      }
      throw new ParameterResolutionException("cannot inject " + type);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      if (simulation != null) {
        simulation.recordFailure(String.valueOf(failure.getMessage()));
      }
      Path trace = writeTrace(context, true);
      TestId test = testId(context);
      String report =
          "seed "
              + seed
              + " — replay: "
              + new ReplayLine(
                  labName(context),
                  test,
                  seed,
                  context
                      .getConfigurationParameter(EXPLORE_SEED)
                      .map(e -> OptionalLong.of(Long.parseLong(e)))
                      .orElse(OptionalLong.empty()))
              + (trace == null ? "" : "\ntrace: " + trace);
      LOG.error("{} failed: {}\n{}", test.shortForm(), failure.getMessage(), report);
      AssertionError reported = new AssertionError(failure.getMessage() + "\n" + report, failure);
      reported.setStackTrace(failure.getStackTrace());
      throw reported;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      if (simulation != null) {
        // Lets runners report how much virtual time a suite covers (the simulated/wall ratio).
        context.publishReportEntry(SIMULATED_MS, Long.toString(simulation.now()));
      }
      if (!traceWritten && context.getConfigurationParameter(TRACE_DIR).isPresent()) {
        writeTrace(context, false);
      }
    }

    /** Writes the trace where the settings say; returns its path, or null without a run. */
    private Path writeTrace(ExtensionContext context, boolean failed) {
      if (simulation == null) {
        return null;
      }
      Optional<String> dir = context.getConfigurationParameter(TRACE_DIR);
      String name = testId(context).shortForm() + "-seed" + seed + ".jsonl";
      Path file;
      if (dir.isPresent()) {
        file = onlySeed ? Paths.get(dir.get(), "trace.jsonl") : Paths.get(dir.get(), name);
      } else if (failed) {
        file = Paths.get("target", "pdslab-traces", name);
      } else {
        return null;
      }
      simulation.writeTrace(file);
      traceWritten = true;
      Path html =
          file.resolveSibling(file.getFileName().toString().replaceAll("\\.jsonl$", ".html"));
      try {
        TraceHtml.write(file, html);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not render {}: {}", html, e.toString());
      }
      return file.toAbsolutePath().normalize();
    }

    private static TestId testId(ExtensionContext context) {
      return new TestId(
          context.getRequiredTestClass().getName(),
          context.getTestMethod().map(Method::getName).orElse("?"));
    }

    /** {@code pdslab.lab}, else the module folder's name ({@code labs/<lab>} gives the lab). */
    private static String labName(ExtensionContext context) {
      return context
          .getConfigurationParameter(LAB)
          .orElseGet(
              () -> {
                Path folder = Paths.get("").toAbsolutePath().getFileName();
                return folder == null ? "<lab>" : folder.toString();
              });
    }
  }
}
