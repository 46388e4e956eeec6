package io.pdslab.labs.concurrent.stack;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.StackSpec;
import io.pdslab.labs.concurrent.given.ConcurrentStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Linearizability of {@link TreiberStack} against a sequential stack, by Lincheck. */
@Order(LincheckSettings.RUN_LAST)
public class TreiberStackLincheckTest extends StackSpec {
  @Override
  protected ConcurrentStack<Integer> newStack() {
    return new TreiberStack<>();
  }

  @Test
  void modelChecking() {
    LincheckSettings.modelChecking().sequentialSpecification(Sequential.class).check(getClass());
  }

  @Test
  void stress() {
    LincheckSettings.stress().sequentialSpecification(Sequential.class).check(getClass());
  }
}
