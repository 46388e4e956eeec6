package io.pdslab.labs.concurrent.queue;

import io.pdslab.labs.concurrent.LincheckSettings;
import io.pdslab.labs.concurrent.QueueSpec;
import io.pdslab.labs.concurrent.given.ConcurrentQueue;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Linearizability of {@link MichaelScottQueue} against a sequential queue, by Lincheck. */
@Order(LincheckSettings.RUN_LAST)
public class MichaelScottQueueLincheckTest extends QueueSpec {
  @Override
  protected ConcurrentQueue<Integer> newQueue() {
    return new MichaelScottQueue<>();
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
