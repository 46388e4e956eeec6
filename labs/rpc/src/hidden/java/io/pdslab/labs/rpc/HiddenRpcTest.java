package io.pdslab.labs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.harness.sim.Latency;
import io.pdslab.harness.sim.Simulation;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcMessage;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.testing.CodecChannel;
import io.pdslab.labs.rpc.testing.Frames;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.RpcSim;
import io.pdslab.labs.rpc.testing.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grader-only variations of the public tests. */
@ExtendWith(LeakCheck.class)
class HiddenRpcTest {

  @SimulationTest
  void randomMessagesRandomSplits(long seed) {
    Random random = new Random(seed);
    List<RpcMessage> messages = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      messages.add(
          random.nextBoolean()
              ? new Request(
                  random.nextLong(),
                  random.nextLong(),
                  random.nextLong(),
                  new Op(Op.Kind.values()[random.nextInt(3)], text(random), text(random)))
              : new Reply(random.nextLong(), random.nextLong(), text(random)));
    }
    CodecChannel encoder = new CodecChannel();
    for (RpcMessage m : messages) {
      assertArrayEquals(Frames.of(m), encoder.encode(m), () -> "the bytes of " + m);
    }
    encoder.finish();
    byte[] all = Frames.concat(messages.stream().map(Frames::of).toArray(byte[][]::new));
    CodecChannel c = new CodecChannel();
    for (int at = 0; at < all.length; ) {
      int n = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 300));
      byte[] piece = new byte[n];
      System.arraycopy(all, at, piece, 0, n);
      c.read(piece);
      at += n;
    }
    assertEquals(messages, c.decoded());
    c.finish();
  }

  private static String text(Random random) {
    StringBuilder sb = new StringBuilder();
    String alphabet = "ab\u00e9\u4e2d\ud83d\ude00 ";
    int n = random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(8);
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(6);
      sb.append(k == 4 ? "\ud83d\ude00" : String.valueOf(alphabet.charAt(k == 5 ? 6 : k)));
    }
    return sb.toString();
  }

  @SimulationTest
  void heavyDuplicationAndPartition(Simulation sim) {
    RpcSim rpc = new RpcSim(sim, 3, new ClientConfig(1500, 10, 200, 2));
    sim.network().latency(Latency.uniform(1, 15)).dropRate(0.1).duplicateRate(0.6);
    sim.at(
        Duration.ofMillis(300),
        "cut c1 off the server",
        () -> {
          sim.cutLink("c1", "s");
          sim.cutLink("s", "c1");
        });
    sim.at(
        Duration.ofMillis(3300),
        "reconnect c1",
        () -> {
          sim.restoreLink("c1", "s");
          sim.restoreLink("s", "c1");
        });
    Workload w = new Workload(sim::now, 60);
    rpc.startWorkload(w, 2);
    sim.runUntil("every client finished", w::finished, Duration.ofMinutes(10));
    assertEquals(List.of(), rpc.store.executedTwice(), "calls executed more than once");
    var result = w.check();
    assertTrue(result.isLinearizable(), () -> w.outcomes() + "\n" + result.toText());
    assertTrue(w.succeeded() > 100, w.outcomes());
    rpc.close();
  }

  @SimulationTest
  void cappedBackoffSchedule(long seed) {
    RetryTest.assertExactSchedule(new ClientConfig(2500, 7, 50, 1), seed);
  }
}
