package io.pdslab.harness.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Example tests that fail on purpose: they run only when the configuration parameter {@code
 * pdslab.runExamples} is set, i.e. from an {@code EngineTestKit} in {@link
 * SimulationExtensionTest}, never in the normal build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ExamplesOnly.Condition.class)
@interface ExamplesOnly {
  String PARAMETER = "pdslab.runExamples";

  /** Enables the annotated class only under the parameter. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).isPresent()
          ? ConditionEvaluationResult.enabled("example run")
          : ConditionEvaluationResult.disabled("fails on purpose; run by SimulationExtensionTest");
    }
  }
}
