package io.pdslab.labs.replication;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.replication.given.ReplicaGroup;
import java.util.function.Supplier;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Timeout;

/**
 * Parts C and E together: part C's scenario with {@link FixedSequencer} in place of SEQUENCER in
 * every replica's stack, and your {@link SmrReplica} on top. Not graded: a part C bug would fail it
 * too, and each part is graded on its own code ({@link FixedSequencerGroupTest} grades part E's
 * protocol on real channels with the test's own members). A coordinator change is tested in {@link
 * FixedSequencerTest}, where the test decides what every member holds.
 */
@Timeout(120)
class FixedSequencerSmrTest {

  /** A stack with your total order above GMS. */
  static final Supplier<Protocol[]> FIXED_SEQUENCER = () -> new Protocol[] {new FixedSequencer()};

  /** Clients on every replica, lossy network and client links: linearizable, equal states. */
  @SimulationTest
  void linearizableUnderFaults(long seed) throws Exception {
    TotalOrderTest.linearizableUnderFaults(
        new ReplicaGroup(seed, SmrReplica::new, FIXED_SEQUENCER),
        "FixedSequencerSmrTest#linearizableUnderFaults");
  }
}
