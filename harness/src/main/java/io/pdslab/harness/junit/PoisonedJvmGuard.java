package io.pdslab.harness.junit;

import io.pdslab.harness.perf.Workers;
import io.pdslab.harness.testrun.PdslabProperties;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tests out of a JVM that an earlier test poisoned (see {@link Workers#poisoned()}): threads
 * it could not stop still spin and would fail or slow down tests of unrelated code.
 *
 * <p>By default the JVM exits with {@link #EXIT_POISONED} before the next test starts, so a runner
 * that restarts its child JVM (the grader does) runs the remaining tests in a fresh one and charges
 * nobody but the test that failed. With {@code pdslab.afterPoison=skip} (for plain Maven runs) the
 * later tests are skipped with the reason instead. Registered for a lab by JUnit's extension
 * autodetection ({@code junit.jupiter.extensions.autodetection.enabled=true}).
 */
public final class PoisonedJvmGuard implements ExecutionCondition {
  /** Exit status of a JVM that stopped because it was poisoned (EX_TEMPFAIL: retry elsewhere). */
  public static final int EXIT_POISONED = 75;

  private static final Logger LOG = LoggerFactory.getLogger(PoisonedJvmGuard.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> reason = Workers.poisoned();
    if (reason.isEmpty()) {
      return ConditionEvaluationResult.enabled("the JVM is healthy");
    }
    String mode = context.getConfigurationParameter(PdslabProperties.AFTER_POISON).orElse("halt");
    if (mode.equals("skip")) {
      return ConditionEvaluationResult.disabled(
          "not run: an earlier test left threads running in this JVM (" + reason.get() + ")");
    }
    LOG.error(
        "stopping this JVM before {}: an earlier test left threads running ({}); "
            + "the remaining tests need a fresh JVM",
        context.getDisplayName(),
        reason.get());
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_POISONED);
    throw new IllegalStateException("unreachable");
  }
}
