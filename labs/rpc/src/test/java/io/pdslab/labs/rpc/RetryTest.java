package io.pdslab.labs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.rpc.given.ClientConfig;
import io.pdslab.labs.rpc.given.Op;
import io.pdslab.labs.rpc.given.RpcException;
import io.pdslab.labs.rpc.given.RpcException.Certainty;
import io.pdslab.labs.rpc.given.RpcMessage.Reply;
import io.pdslab.labs.rpc.given.RpcMessage.Request;
import io.pdslab.labs.rpc.testing.ClientChannel;
import io.pdslab.labs.rpc.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Part C: the client alone in an {@code EmbeddedChannel} with frozen time, the test playing the
 * server. Checks the exact retry schedule by seed, timers and pending calls cleaned up on every
 * path, and definite versus indefinite failures.
 */
@ExtendWith(LeakCheck.class)
class RetryTest {
  static final ClientConfig CONFIG = new ClientConfig(1000, 10, 160, 1);

  /** The backoff formula of the lab's specification, written out independently. */
  static long expectedDelay(int retry, ClientConfig config, Random random) {
    long base =
        Math.min(config.maxBackoffMs(), config.initialBackoffMs() << Math.min(30, retry - 1));
    return base / 2 + (long) (random.nextDouble() * (base - base / 2));
  }

  @SimulationTest
  void exactRetrySchedule(long seed) {
    assertExactSchedule(CONFIG, seed);
  }

  /** One call that never gets a reply: its attempts go out exactly when the formula says. */
  static void assertExactSchedule(ClientConfig config, long seed) {
    ClientChannel c = new ClientChannel(config, seed);
    CompletableFuture<String> f = c.client.call(Op.append("k", "x"));
    List<Long> sentAt = new ArrayList<>();
    List<Request> requests = new ArrayList<>();
    for (long t = 0; t <= config.deadlineMs(); t++) {
      for (Request r : c.sent()) {
        sentAt.add(c.now());
        requests.add(r);
      }
      c.advance(1);
    }
    Random random = new Random(seed);
    List<Long> expected = new ArrayList<>();
    for (long t = 0; t < config.deadlineMs(); t += expectedDelay(expected.size(), config, random)) {
      expected.add(t);
    }
    assertEquals(expected, sentAt, "virtual times (ms) of the attempts, seed " + seed);
    for (Request r : requests) {
      assertEquals(new Request(1, 1, 0, Op.append("k", "x")), r, "every retry is the same call");
    }
    RpcException e = failure(f);
    assertEquals(Certainty.INDEFINITE, e.certainty(), "sent, no reply: it may have executed");
    assertEquals(0, c.client.pendingCalls(), "pending calls after the deadline");
    assertFalse(c.hasTimers(), "a timer is still scheduled after the call failed");
    c.channel.finishAndReleaseAll();
  }

  @Test
  void replyCompletesTheCallAndCancelsItsTimers() {
    ClientChannel c = new ClientChannel(CONFIG, 1);
    CompletableFuture<String> f = c.client.call(Op.get("k"));
    assertEquals(
        List.of(new Request(c.client.clientId(), 1, 0, Op.get("k"))),
        c.sent(),
        "the request carries the client's id: the server deduplicates by (client id, seq)");
    c.advance(7);
    assertEquals(1, c.client.pendingCalls(), "a sent call still waiting for its reply is pending");
    c.reply(new Reply(1, 1, "v"));
    assertEquals("v", f.join());
    assertEquals(0, c.client.pendingCalls());
    assertFalse(c.hasTimers(), "a retry or deadline timer survived the reply");
    c.reply(new Reply(1, 1, "v")); // a duplicate reply is ignored
    CompletableFuture<String> g = c.client.call(Op.put("k", "w"));
    assertEquals(List.of(new Request(1, 2, 1, Op.put("k", "w"))), c.sent(), "ack covers call 1");
    c.reply(new Reply(1, 2, ""));
    assertEquals("", g.join());
    c.channel.finishAndReleaseAll();
  }

  @Test
  void closeFailsSentCallsIndefinitelyAndWaitingOnesDefinitely() {
    ClientChannel c = new ClientChannel(CONFIG, 2);
    CompletableFuture<String> sent = c.client.call(Op.append("k", "1"));
    CompletableFuture<String> waiting = c.client.call(Op.append("k", "2")); // window 1: waits
    assertEquals(1, c.sent().size());
    c.advance(3);
    c.channel.close();
    c.channel.runPendingTasks();
    assertEquals(Certainty.INDEFINITE, failure(sent).certainty());
    assertEquals(Certainty.DEFINITE, failure(waiting).certainty());
    assertEquals(Certainty.DEFINITE, failure(c.client.call(Op.get("k"))).certainty());
    assertEquals(0, c.client.pendingCalls());
    assertFalse(c.hasTimers());
    c.channel.finishAndReleaseAll();
  }

  @Test
  void aWaitingCallGoesOutWhenTheWindowFrees() {
    ClientChannel c = new ClientChannel(CONFIG.withDeadline(100), 3);
    CompletableFuture<String> sent = c.client.call(Op.append("k", "1"));
    c.advance(50);
    CompletableFuture<String> waiting = c.client.call(Op.append("k", "2"));
    c.advance(51);
    assertEquals(Certainty.INDEFINITE, failure(sent).certainty());
    // The window freed at t=100: the second call went out then, so it is now in flight.
    assertFalse(waiting.isDone());
    assertEquals(
        List.of(2L), c.sent().stream().map(Request::seq).distinct().filter(s -> s == 2).toList());
    c.advance(100);
    assertEquals(Certainty.INDEFINITE, failure(waiting).certainty());
    assertEquals(0, c.client.pendingCalls());
    assertFalse(c.hasTimers());
    c.channel.finishAndReleaseAll();
  }

  private static RpcException failure(CompletableFuture<String> f) {
    assertTrue(f.isDone(), "the call has not finished");
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
    return assertInstanceOf(RpcException.class, e.getCause());
  }
}
