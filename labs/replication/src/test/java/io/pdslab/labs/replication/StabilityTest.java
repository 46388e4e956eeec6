package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stability check, off by default: {@code -Dreplication.repeat=N} runs every test of the lab
 * (public, hidden if present, known bugs; not the cluster-mode run, which starts JVMs of its own) N
 * times in a row in this JVM, run {@code i} on seed {@code i}, and fails if any run failed. Each
 * run is logged as it ends (pass or the failed tests), so a long check that is cut short still says
 * how many runs passed. {@code -Dreplication.firstSeed=S} starts at seed {@code S} (default 1), so
 * a check cut short can be resumed where it stopped.
 *
 * <pre>
 * ./mvnw -B -o -pl labs/replication -am verify -Dreplication.repeat=200 \
 *     -Dtest=StabilityTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class StabilityTest {

  private static final Logger LOG = LoggerFactory.getLogger(StabilityTest.class);
  private static final Path PROGRESS = Path.of("target", "stability.txt");

  @Test
  @EnabledIfSystemProperty(named = "replication.repeat", matches = "\\d+")
  void repeatedRuns() throws IOException {
    int n = Integer.getInteger("replication.repeat");
    int first = Integer.getInteger("replication.firstSeed", 1);
    Launcher launcher = LauncherFactory.create();
    Files.createDirectories(PROGRESS.getParent());
    Files.writeString(PROGRESS, "");
    List<String> failed = new ArrayList<>();
    long tests = 0;
    for (int i = first; i < first + n; i++) {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectPackage(getClass().getPackageName()))
              .filters(
                  excludeClassNamePatterns(getClass().getName(), ClusterModeTest.class.getName()))
              .configurationParameter("pdslab.seed", Long.toString(i))
              .build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      long start = System.nanoTime();
      launcher.execute(request, listener);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      TestExecutionSummary summary = listener.getSummary();
      tests += summary.getTestsSucceededCount();
      if (summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0) {
        progress(
            String.format(
                "run %d of %d (seed %d) passed (%d tests, %d ms; %d runs failed so far)",
                i - first + 1, n, i, summary.getTestsSucceededCount(), millis, failed.size()));
      } else {
        List<String> which =
            summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getUniqueId() + ": " + f.getException())
                .toList();
        failed.add("seed " + i + ": " + which);
        progress(
            String.format(
                "run %d of %d (seed %d) FAILED (%d ms): %s", i - first + 1, n, i, millis, which));
      }
    }
    assertEquals(
        List.of(),
        failed,
        (n - failed.size()) + " of " + n + " runs passed (" + tests + " test runs passed)");
  }

  /** Logs {@code line} and appends it to {@link #PROGRESS} at once. */
  private static void progress(String line) throws IOException {
    LOG.warn("stability: {}", line);
    Files.writeString(
        PROGRESS, Instant.now() + " " + line + System.lineSeparator(), StandardOpenOption.APPEND);
  }
}
