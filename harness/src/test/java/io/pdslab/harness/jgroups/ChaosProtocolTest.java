package io.pdslab.harness.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
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
  private final List<ProtocolSandwich<ChaosProtocol>> started = new ArrayList<>();

  @BeforeEach
  void names() {
    NameCache.add(r1, "r1");
    NameCache.add(r2, "r2");
  }

  @AfterEach
  void stop() {
    started.forEach(ProtocolSandwich::close);
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
      int before = h.delivered();
      h.chaos.up(message(r1, n));
      int got = h.delivered() - before;
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
    assertTrue(
        h.sandwich.awaitDelivered(100, Duration.ofSeconds(10)), "every delayed message arrives");
    assertEquals(100, h.delivered(), "once");
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
    assertEquals(List.of("r2#1"), names(h.sandwich.delivered()), "r1>r0 is cut, r2>r0 is not");
    assertEquals(1, h.sandwich.sent().size(), "the cut is one way: r0 still sends");
    assertEquals(1, h.chaos.count("r1", Fault.CUT));
    h.chaos.heal();
    h.chaos.up(message(r1, 2));
    assertEquals(List.of("r2#1", "r1#2"), names(h.sandwich.delivered()), "healed");
    h.chaos.isolate();
    h.chaos.up(message(r2, 2));
    h.chaos.down(message(null, 2));
    assertEquals(2, h.delivered(), "an isolated member hears nothing");
    assertEquals(1, h.sandwich.sent().size(), "and says nothing");
  }

  /**
   * A crash waits for what the crashed member multicast before it fell silent: the receiver counts
   * a stamped multicast once it has passed it up (a delayed one, later) or dropped it.
   */
  @Test
  void aReceiverCountsTheMulticastsThatArrivedFromAnIsolatedSender() throws Exception {
    Harness sender = new Harness("r1", 1, FaultRates.NONE);
    sender.chaos.trackMulticasts();
    for (int n = 1; n <= 5; n++) {
      sender.chaos.down(message(null, n));
    }
    sender.chaos.down(new BytesMessage(r2, new byte[] {9}));
    assertEquals(
        5, sender.chaos.isolate(), "five multicasts on their way (the unicast is not one)");
    sender.chaos.down(message(null, 6));
    List<Message> wire = sender.sandwich.sent();
    assertEquals(6, wire.size(), "nothing leaves an isolated member");

    Harness receiver = new Harness(2, FaultRates.NONE);
    Address from = r1;
    receiver.chaos.up(wire.get(0).setSrc(from));
    receiver.chaos.rates(new FaultRates(0, 0, 1, 50));
    for (Message m : wire.subList(1, 3)) {
      receiver.chaos.up(m.setSrc(from));
    }
    assertFalse(
        receiver.chaos.awaitMulticasts(from, 5, Duration.ofMillis(100)),
        "two multicasts have not arrived yet");
    for (Message m : wire.subList(3, 5)) {
      receiver.chaos.up(m.setSrc(from));
    }
    assertTrue(receiver.chaos.awaitMulticasts(from, 5, Duration.ofSeconds(10)), "all arrived");
    assertEquals(
        5, receiver.delivered(), "and each was passed up (after its delay) before it counted");
  }

  /**
   * The link is the one a message came over, named in the stamp its sender's chaos layer wrote: a
   * source rewritten above (to the receiver itself, or to a member whose link is open) does not get
   * a message through a cut.
   */
  @Test
  void aForgedSourceDoesNotDodgeACut() throws Exception {
    Harness sender = new Harness("r1", 1, FaultRates.NONE);
    sender.chaos.down(new BytesMessage(new UUID(0, 0), new byte[] {1}).setSrc(r2));
    sender.chaos.down(new BytesMessage(new UUID(0, 0), new byte[] {2}));
    List<Message> wire = sender.sandwich.sent();
    Harness receiver = new Harness(2, FaultRates.NONE);
    Address self = new UUID(0, 0);
    NameCache.add(self, "r0");
    receiver.chaos.cutFrom("r1");
    receiver.chaos.up(wire.get(0));
    receiver.chaos.up(wire.get(1).setSrc(self));
    assertEquals(0, receiver.delivered(), "r1>r0 is cut, whatever source its messages name");
    assertEquals(2, receiver.chaos.count("r1", Fault.CUT), "both counted on r1's link");
  }

  /**
   * A batch may name its sender once, not in each message: a delayed or duplicated message of it
   * goes up on its own, so it must carry its source (the protocols above need it).
   */
  @Test
  void aMessageTakenOutOfABatchKeepsItsSource() throws Exception {
    Harness h = new Harness(4, new FaultRates(0, 0.5, 0.5, 5));
    MessageBatch batch = new MessageBatch(20).sender(r1).dest(null).mcast(true);
    for (int n = 1; n <= 20; n++) {
      batch.add(message(null, n));
    }
    h.chaos.up(batch);
    long delayed = h.chaos.count("r1", Fault.DELAY);
    long doubled = h.chaos.count("r1", Fault.DUPLICATE);
    assertTrue(delayed > 0 && doubled > 0, "some delayed, some doubled");
    assertTrue(h.sandwich.awaitDelivered((int) (20 + doubled), Duration.ofSeconds(10)));
    assertEquals(
        delayed + doubled,
        h.sandwich.delivered().stream().filter(m -> r1.equals(m.src())).count(),
        "each message that went up alone (delayed, or a duplicate's copy) names its source");
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
    List<String> a = new ArrayList<>(names(single.sandwich.delivered()));
    List<String> b = new ArrayList<>(names(batched.sandwich.delivered()));
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
        int before = h.delivered();
        h.chaos.up(message(sender, n));
        int got = h.delivered() - before;
        String fate = got == 0 ? "DROP" : got == 2 ? "DUPLICATE" : "PASS";
        fates.add(NameCache.get(sender) + "#" + n + " " + fate);
      }
    }
    return fates;
  }

  private static Message message(Address src, int n) {
    return new BytesMessage(null, new byte[] {(byte) n}).setSrc(src);
  }

  private static List<String> names(List<Message> messages) {
    return messages.stream()
        .map(m -> NameCache.get(m.getSrc()) + "#" + ((byte[]) m.getArray())[m.getOffset()])
        .toList();
  }

  /** Chaos for member r0, between a recording protocol above and one below. */
  private final class Harness {
    final FaultLog log = new FaultLog();
    final ChaosProtocol chaos;
    final ProtocolSandwich<ChaosProtocol> sandwich;

    Harness(long seed, FaultRates rates) throws Exception {
      this("r0", seed, rates);
    }

    Harness(String self, long seed, FaultRates rates) throws Exception {
      chaos = new ChaosProtocol(self, seed, log);
      chaos.rates(rates);
      sandwich = new ProtocolSandwich<>(chaos, null);
      started.add(sandwich);
    }

    int delivered() {
      return sandwich.delivered().size();
    }
  }
}
