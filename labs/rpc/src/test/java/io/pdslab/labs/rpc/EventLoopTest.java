package io.pdslab.labs.rpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.pdslab.harness.netty.NoBlockingInEventLoop;
import io.pdslab.labs.rpc.given.ChaosHandler;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.testing.LeakCheck;
import io.pdslab.labs.rpc.testing.RealNetwork;
import io.pdslab.labs.rpc.testing.Transport;
import io.pdslab.labs.rpc.testing.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Part E: nothing may block an event loop. BlockHound ({@link NoBlockingInEventLoop}) watches every
 * Netty event-loop thread while real channels carry a workload; a {@code sleep}, {@code join},
 * {@code get}, a lock or monitor wait, or blocking I/O there fails the test with its stack.
 */
@ExtendWith({LeakCheck.class, NoBlockingInEventLoop.class})
class EventLoopTest {
  static final ClientConfig CONFIG = new ClientConfig(10_000, 5, 100, 4);

  /** No chaos in {@link #callsFromManyThreads}: retries only if a reply takes over a second. */
  static final ClientConfig PATIENT = new ClientConfig(60_000, 1000, 4000, 4);

  @ParameterizedTest
  @EnumSource(Transport.class)
  void noBlockingUnderChaos(Transport transport) throws Exception {
    runWorkload(transport, 11, p -> {});
  }

  /**
   * Calls made from four outside threads at once and from completion callbacks on the loop: the
   * client may hand work to its loop, never wait on it there.
   */
  @Test
  void callsFromManyThreads() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (RealNetwork net = new RealNetwork(Transport.NIO, n -> null)) {
      RpcClient client = new RpcClient(1, PATIENT, new Random(5));
      net.connect(client);
      List<Future<List<CompletableFuture<String>>>> batches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String key = "k" + t;
        batches.add(
            callers.submit(
                () -> {
                  List<CompletableFuture<String>> calls = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    // Each reply triggers a follow-up call from the loop itself.
                    calls.add(
                        client
                            .call(Op.append(key, i + ","))
                            .thenCompose(v -> client.call(Op.get(key))));
                  }
                  return calls;
                }));
      }
      int done = 0;
      for (Future<List<CompletableFuture<String>>> batch : batches) {
        for (CompletableFuture<String> call : batch.get(60, TimeUnit.SECONDS)) {
          call.get(60, TimeUnit.SECONDS); // throws if the call failed
          done++;
        }
      }
      assertEquals(200, done, "chained calls finished");
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * Three clients, 40 calls each, 4 in flight, over {@code transport} with seeded chaos (so retries
   * and deadlines run as timers); {@code serverBug} may change the server's pipelines (tests of the
   * tests). Fails unless most calls succeed.
   */
  static void runWorkload(Transport transport, long seed, Consumer<ChannelPipeline> serverBug)
      throws Exception {
    Workload w = new Workload(System::nanoTime, 40);
    try (RealNetwork net =
        new RealNetwork(
            transport, n -> new ChaosHandler(seed * 7919 + n, 0.1, 0.1, 0.1, 10), serverBug)) {
      for (int i = 0; i < 3; i++) {
        int index = i;
        RpcClient client = new RpcClient(i + 1, CONFIG, new Random(seed + i));
        Channel ch = net.connect(client);
        Random ops = new Random(seed * 31 + i);
        ch.eventLoop().execute(() -> w.start(index, client, ops, 4));
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(w::finished);
      assertTrue(w.succeeded() > 100, w.outcomes());
    }
  }
}
