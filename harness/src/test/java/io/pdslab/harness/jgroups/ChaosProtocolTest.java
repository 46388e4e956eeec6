package io.pdslab.harness.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChaosProtocol} between a test-owned protocol above (which records what reaches it) and one
 * below (which records what is sent), with no channel: the seed alone decides every fate.
 */
class ChaosProtocolTest {

  private static final FaultRates NO_DELAY = new FaultRates(0.2, 0.2, 0, 0);

  private final Address r1 = new UUID(1, 1);
  private final Address r2 = new UUID(2, 2);
  private final List<ChaosProtocol> started = new ArrayList<>();

  @BeforeEach
  void names() {
    NameCache.add(r1, "r1");
    NameCache.add(r2, "r2");
  }

  @AfterEach
  void stop() {
    started.forEach(ChaosProtocol::stop);
  }

  @Test
  void sameSeedSameFates() throws Exception {
    List<String> first = fates(7, NO_DELAY, 200, r1, r2);
    List<String> again = fates(7, NO_DELAY, 200, r1, r2);
    assertEquals(first, again, "the same seed must give the same fate to the n-th message");
    assertNotEquals(first, fates(8, NO_DELAY, 200, r1, r2), "another seed, other fates");
    assertTrue(first.stream().anyMatch(f -> f.endsWith("DROP")));
    assertTrue(first.stream().anyMatch(f -> f.endsWith("DUPLICATE")));
    assertTrue(first.stream().anyMatch(f -> f.endsWith("PASS")));
  }

  @Test
  void eachLinkHasItsOwnStream() throws Exception {
    List<String> alone = fates(7, NO_DELAY, 100, r1);
    List<String> interleaved = fates(7, NO_DELAY, 100, r1, r2);
    assertEquals(
        alone,
        interleaved.stream().filter(f -> f.startsWith("r1#")).toList(),
        "r1>r0's fates must not depend on r2's traffic");
  }

  @Test
  void faultsReachTheLayerAboveAsDecided() throws Exception {
    Harness h = new Harness(11, NO_DELAY);
    List<String> fates = new ArrayList<>();
    int passed = 0;
    for (int n = 1; n <= 300; n++) {
      int before = h.top.received.size();
      h.chaos.up(message(r1, n));
      int got = h.top.received.size() - before;
      fates.add(got == 0 ? "DROP" : got == 2 ? "DUPLICATE" : "PASS");
      passed += got == 1 ? 1 : 0;
    }
    assertEquals(
        Collections.frequency(fates, "DROP"), h.chaos.count("r1", Fault.DROP), "drops counted");
    assertEquals(
        Collections.frequency(fates, "DUPLICATE"),
        h.chaos.count("r1", Fault.DUPLICATE),
        "duplicates counted");
    assertTrue(passed > 150, "most messages pass at 40 % faults: " + passed);
  }

  @Test
  void delayedMessagesArriveLaterAndTheScheduleRepeats() throws Exception {
    FaultRates delays = new FaultRates(0, 0, 0.5, 5);
    Harness h = new Harness(3, delays);
    for (int n = 1; n <= 100; n++) {
      h.chaos.up(message(r1, n));
    }
    long delayed = h.chaos.count("r1", Fault.DELAY);
    assertTrue(delayed > 20 && delayed < 80, "about half delayed: " + delayed);
    assertTrue(h.top.awaitCount(100), "every delayed message arrives");
    assertEquals(100, h.top.received.size(), "once");
    Harness again = new Harness(3, delays);
    for (int n = 1; n <= 100; n++) {
      again.chaos.up(message(r1, n));
    }
    assertEquals(delayed, again.chaos.count("r1", Fault.DELAY), "the same messages are delayed");
    assertEquals(h.log.summary(), again.log.summary(), "the same fault schedule");
  }

  @Test
  void oneWayCutDropsOnlyThatSendersMessagesUntilHealed() throws Exception {
    Harness h = new Harness(1, FaultRates.NONE);
    h.chaos.cutFrom("r1");
    h.chaos.up(message(r1, 1));
    h.chaos.up(message(r2, 1));
    h.chaos.down(message(null, 1));
    assertEquals(List.of("r2#1"), h.top.names(), "r1>r0 is cut, r2>r0 is not");
    assertEquals(1, h.bottom.sent.get(), "the cut is one way: r0 still sends");
    assertEquals(1, h.chaos.count("r1", Fault.CUT));
    h.chaos.heal();
    h.chaos.up(message(r1, 2));
    assertEquals(List.of("r2#1", "r1#2"), h.top.names(), "healed");
    h.chaos.isolate();
    h.chaos.up(message(r2, 2));
    h.chaos.down(message(null, 2));
    assertEquals(2, h.top.received.size(), "an isolated member hears nothing");
    assertEquals(1, h.bottom.sent.get(), "and says nothing");
  }

  @Test
  void batchesMeetTheSameFatesAsSingleMessages() throws Exception {
    Harness single = new Harness(5, NO_DELAY);
    Harness batched = new Harness(5, NO_DELAY);
    for (int n = 1; n <= 50; n++) {
      single.chaos.up(message(r1, n));
    }
    for (int n = 1; n <= 50; n += 10) {
      MessageBatch batch = new MessageBatch(10).sender(r1).dest(null).mcast(true);
      for (int i = n; i < n + 10; i++) {
        batch.add(message(r1, i));
      }
      batched.chaos.up(batch);
    }
    assertEquals(single.log.summary(), batched.log.summary(), "same decisions");
    List<String> a = new ArrayList<>(single.top.names());
    List<String> b = new ArrayList<>(batched.top.names());
    Collections.sort(a);
    Collections.sort(b);
    assertEquals(a, b, "the same messages reach the layer above, as often");
  }

  /** The fate of each message, in order, for {@code count} messages from each sender in turn. */
  private List<String> fates(long seed, FaultRates rates, int count, Address... senders)
      throws Exception {
    Harness h = new Harness(seed, rates);
    List<String> fates = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      for (Address sender : senders) {
        int before = h.top.received.size();
        h.chaos.up(message(sender, n));
        int got = h.top.received.size() - before;
        String fate = got == 0 ? "DROP" : got == 2 ? "DUPLICATE" : "PASS";
        fates.add(NameCache.get(sender) + "#" + n + " " + fate);
      }
    }
    return fates;
  }

  private static Message message(Address src, int n) {
    return new BytesMessage(null, new byte[] {(byte) n}).setSrc(src);
  }

  /** Chaos for member r0, with a recording protocol on each side. */
  private final class Harness {
    final FaultLog log = new FaultLog();
    final ChaosProtocol chaos;
    final Top top = new Top();
    final Bottom bottom = new Bottom();

    Harness(long seed, FaultRates rates) throws Exception {
      chaos = new ChaosProtocol("r0", seed, log);
      chaos.setUpProtocol(top);
      chaos.setDownProtocol(bottom);
      top.setDownProtocol(chaos);
      bottom.setUpProtocol(chaos);
      chaos.rates(rates);
      chaos.start();
      started.add(chaos);
    }
  }

  /** Records every message that reaches it, in order. */
  private static final class Top extends Protocol {
    final List<Message> received = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Object up(Message msg) {
      synchronized (received) {
        received.add(msg);
        received.notifyAll();
      }
      return null;
    }

    @Override
    public void up(MessageBatch batch) {
      batch.forEach(this::up);
    }

    List<String> names() {
      synchronized (received) {
        return received.stream()
            .map(m -> NameCache.get(m.getSrc()) + "#" + ((byte[]) m.getArray())[m.getOffset()])
            .toList();
      }
    }

    /** Waits (at most 10 s) until {@code n} messages have arrived. */
    boolean awaitCount(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      synchronized (received) {
        while (received.size() < n) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(received, left);
        }
        return true;
      }
    }
  }

  /** Counts what the protocol sends down. */
  private static final class Bottom extends Protocol {
    final AtomicInteger sent = new AtomicInteger();

    @Override
    public Object down(Message msg) {
      sent.incrementAndGet();
      return null;
    }
  }
}
