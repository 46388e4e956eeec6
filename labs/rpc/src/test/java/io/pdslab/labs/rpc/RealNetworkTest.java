package io.pdslab.labs.rpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.pdslab.labs.rpc.given.ChaosHandler;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.RealNetwork;
import io.pdslab.labs.rpc.testing.Transport;
import io.pdslab.labs.rpc.testing.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Parts B and C on real channels: the same code over in-VM {@code LocalChannel}s and over NIO on
 * 127.0.0.1, with a seeded chaos handler on both ends dropping, duplicating and delaying messages.
 * Waits use Awaitility with generous bounds; nothing is timed.
 */
@ExtendWith(LeakCheck.class)
class RealNetworkTest {
  static final ClientConfig CONFIG = new ClientConfig(10_000, 5, 100, 2);
  static final long SEED = 42;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void atMostOnceUnderChaos(Transport transport) throws Exception {
    run(transport, SEED);
  }

  /**
   * The stability check, off by default: {@code -Drpc.repeat=N} runs every real-socket check N
   * times with seeds 1..N (this test on both transports, the slow-consumer test over TCP, and the
   * codec's leak check over Local and NIO) and stops at the first failure.
   */
  @Test
  @EnabledIfSystemProperty(named = "rpc.repeat", matches = "\\d+")
  void repeatedRuns() throws Exception {
    int n = Integer.getInteger("rpc.repeat");
    for (int i = 1; i <= n; i++) {
      String check = "";
      try {
        for (Transport t : Transport.values()) {
          check = "atMostOnceUnderChaos " + t;
          run(t, i);
          check = "noLeakOverRealChannels " + t;
          new CodecTest().noLeakOverRealChannels(t);
        }
        check = "slowConsumerOverTcp";
        BackpressureTest.slowConsumer(i, p -> {});
      } catch (Throwable e) {
        throw new AssertionError("run " + i + " of " + n + " failed: " + check + ", seed " + i, e);
      }
      LoggerFactory.getLogger(RealNetworkTest.class).warn("stability: run {} of {} passed", i, n);
    }
  }

  /**
   * One run: 3 clients, 40 calls each, checked for duplicates and linearizability. (Leaks are part
   * A's business: {@link CodecTest#noLeakOverRealChannels}.)
   */
  static void run(Transport transport, long seed) throws Exception {
    Workload w = new Workload(System::nanoTime, 40);
    RealNetwork net =
        new RealNetwork(transport, n -> new ChaosHandler(seed * 7919 + n, 0.15, 0.15, 0.15, 15));
    try {
      for (int i = 0; i < 3; i++) {
        int index = i;
        RpcClient client = new RpcClient(i + 1, CONFIG, new Random(seed + i));
        Channel ch = net.connect(client);
        Random ops = new Random(seed * 31 + i);
        ch.eventLoop().execute(() -> w.start(index, client, ops, 2));
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(w::finished);
      assertEquals(List.of(), net.store.executedTwice(), "calls executed more than once");
      var result = w.check();
      assertTrue(result.isLinearizable(), () -> w.outcomes() + "\n" + result.toText());
      assertTrue(w.succeeded() > 60, w.outcomes());
    } finally {
      net.close();
    }
  }
}
