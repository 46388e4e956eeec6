package io.pdslab.labs.replication;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pdslab.harness.jgroups.ProtocolSandwich;
import io.pdslab.labs.replication.given.OrderHeader;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Timeout;

/**
 * Part E: {@link FixedSequencer} alone, between a test-owned protocol above (the application) and
 * one below (the network), with no channel: the test decides every message's arrival, so each run
 * is the same. Messages carry their text as payload; sent messages are described as {@code ORDERED
 * 3 b#2 b2} (number 3 of the group: b's second multicast, "b2"), {@code FORWARD>a b#2 b2} (to a) or
 * {@code SYNC>c b}.
 */
@Timeout(30)
class FixedSequencerTest {

  private static final short ID = OrderHeader.protocolId();

  private final Address a = new UUID(1, 1);
  private final Address b = new UUID(2, 2);
  private final Address c = new UUID(3, 3);
  private final List<ProtocolSandwich<FixedSequencer>> members = new ArrayList<>();

  @BeforeEach
  void names() {
    NameCache.add(a, "a");
    NameCache.add(b, "b");
    NameCache.add(c, "c");
  }

  @AfterEach
  void close() {
    members.forEach(ProtocolSandwich::close);
  }

  /**
   * Coordinator a and member b multicast in turn: a numbers its own and b's forwards in the order
   * they reach it, and both deliver that one order although b receives the numbers reversed.
   */
  @Test
  void twoSendersOneOrder() throws Exception {
    ProtocolSandwich<FixedSequencer> sa = member(a);
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sa.view(a);
    sa.view(a, b);
    sb.view(a, b);
    List<Message> sync = sb.takeSent();
    assertEquals(List.of("SYNC>a b"), describe(sync), "b holds no numbered message yet");
    arrive(sync.get(0), sa, b);

    sb.fromAbove(text("b1"));
    sb.fromAbove(text("b2"));
    List<Message> forwards = sb.takeSent();
    assertEquals(List.of("FORWARD>a b#1 b1", "FORWARD>a b#2 b2"), describe(forwards));
    arrive(forwards.get(0), sa, b);
    sa.fromAbove(text("a1"));
    arrive(forwards.get(1), sa, b);
    sa.fromAbove(text("a2"));
    sb.fromAbove(text("b3"));
    arrive(sb.takeSent().get(0), sa, b);

    List<Message> ordered = sa.takeSent();
    assertEquals(
        List.of(
            "ORDERED 1 b#1 b1",
            "ORDERED 2 a#1 a1",
            "ORDERED 3 b#2 b2",
            "ORDERED 4 a#2 a2",
            "ORDERED 5 b#3 b3"),
        describe(ordered),
        "the coordinator numbers multicasts in the order they reach it");
    ordered.forEach(m -> arrive(m, sa, a));
    arrive(ordered.get(0), sb, a); // b joined after a: it starts at the first number it receives
    for (int i = ordered.size() - 1; i > 0; i--) {
      arrive(ordered.get(i), sb, a);
    }
    List<String> order = List.of("b:b1", "a:a1", "b:b2", "a:a2", "b:b3");
    assertEquals(order, delivered(sa), "a delivers in number order, each from its origin");
    assertEquals(order, delivered(sb), "b delivers the same order");
  }

  /** Numbers that arrive after a gap wait for it; nothing is delivered past a missing number. */
  @Test
  void gapsAndReorderingBelow() throws Exception {
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b, c);
    arrive(ordered(1, c, 1, "m1"), sb, a);
    arrive(ordered(4, a, 1, "m4"), sb, a);
    arrive(ordered(3, c, 2, "m3"), sb, a);
    arrive(ordered(6, a, 2, "m6"), sb, a);
    assertEquals(List.of("c:m1"), delivered(sb), "2 is missing: 3, 4 and 6 wait");
    arrive(ordered(2, b, 1, "m2"), sb, a);
    assertEquals(List.of("c:m1", "b:m2", "c:m3", "a:m4"), delivered(sb), "5 is missing: 6 waits");
    arrive(ordered(5, b, 2, "m5"), sb, a);
    assertEquals(
        List.of("c:m1", "b:m2", "c:m3", "a:m4", "b:m5", "a:m6"), delivered(sb), "no gap left");
  }

  /**
   * A number received twice (delivered or still waiting) is delivered once, and so is a message
   * numbered twice (by a coordinator that crashed and by its successor).
   */
  @Test
  void duplicatesAreDeliveredOnce() throws Exception {
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b, c);
    arrive(ordered(1, c, 1, "c1"), sb, a);
    arrive(ordered(1, c, 1, "c1"), sb, a);
    arrive(ordered(3, c, 2, "c2"), sb, a);
    arrive(ordered(3, c, 2, "c2"), sb, a);
    assertEquals(List.of("c:c1"), delivered(sb));
    arrive(ordered(2, a, 1, "a1"), sb, a);
    arrive(ordered(1, c, 1, "c1"), sb, a);
    assertEquals(List.of("c:c1", "a:a1", "c:c2"), delivered(sb), "each number once");
    arrive(ordered(4, c, 1, "c1"), sb, c); // c#1 numbered again, by c as the new coordinator
    arrive(ordered(5, c, 3, "c3"), sb, c);
    assertEquals(
        List.of("c:c1", "a:a1", "c:c2", "c:c3"),
        delivered(sb),
        "c#1 numbered twice is delivered once, and its number does not stall the next");
    arrive(ordered(6, c, 3, "c3"), sb, c); // c's last delivered multicast, numbered again
    arrive(ordered(7, a, 2, "a2"), sb, c);
    assertEquals(
        List.of("c:c1", "a:a1", "c:c2", "c:c3", "a:a2"),
        delivered(sb),
        "c#3, the last of c's multicasts delivered, numbered twice is delivered once too");
  }

  /**
   * The coordinator a crashes before numbering two of b's multicasts: b syncs with the new
   * coordinator c (what b holds, then SYNC) and forwards both again, in their order (not the one a
   * numbered). When c crashes too, b leads alone: it multicasts what it holds again and numbers its
   * last pending multicast itself.
   */
  @Test
  void pendingMulticastsGoToTheNewCoordinator() throws Exception {
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b, c);
    sb.takeSent();
    sb.fromAbove(text("b1"));
    sb.fromAbove(text("b2"));
    sb.fromAbove(text("b3"));
    assertEquals(
        List.of("FORWARD>a b#1 b1", "FORWARD>a b#2 b2", "FORWARD>a b#3 b3"),
        describe(sb.takeSent()));
    arrive(ordered(1, b, 1, "b1"), sb, a);
    sb.view(c, b);
    assertEquals(
        List.of("ORDERED 1>c b#1 b1", "SYNC>c b", "FORWARD>c b#2 b2", "FORWARD>c b#3 b3"),
        describe(sb.takeSent()),
        "what b holds, then only what b has not delivered yet, in order");
    arrive(ordered(2, b, 2, "b2"), sb, c);
    sb.view(b);
    assertEquals(
        List.of("ORDERED 1 b#1 b1", "ORDERED 2 b#2 b2", "ORDERED 3 b#3 b3"),
        describe(sb.takeSent()),
        "b, now the coordinator, multicasts again what it holds, then numbers on");
  }

  /**
   * c becomes the coordinator when a crashes. It numbers nothing until b has synced: b sends the
   * numbers c lacks (3, and 5 which only b received from a), then SYNC. Then c multicasts again all
   * it holds (so that b gets 4) and numbers on after 5, the highest any survivor has: a forward
   * that reached c before it knew it leads, then its own pending multicast.
   */
  @Test
  void aNewCoordinatorCollectsWhatSurvivorsHoldThenNumbersOn() throws Exception {
    ProtocolSandwich<FixedSequencer> sc = member(c);
    sc.view(a, b, c);
    sc.fromAbove(text("c1"));
    sc.fromAbove(text("c2"));
    sc.takeSent();
    arrive(ordered(1, b, 1, "b1"), sc, a);
    arrive(ordered(2, c, 1, "c1"), sc, a);
    arrive(ordered(4, b, 3, "b3"), sc, a); // 3 (b's second) is still on its way
    arrive(forward(b, 4, "b4"), sc, b); // b installed the next view first
    assertEquals(List.of(), sc.takeSent(), "c is not the coordinator yet: it sends nothing");

    sc.view(c, b);
    assertEquals(List.of(), sc.takeSent(), "c waits for b's sync before numbering anything");
    arrive(ordered(3, b, 2, "b2").setDest(c), sc, b);
    arrive(ordered(5, a, 1, "a1").setDest(c), sc, b);
    assertEquals(List.of("b:b1", "c:c1", "b:b2", "b:b3", "a:a1"), delivered(sc));
    assertEquals(List.of(), sc.takeSent(), "still waiting for b's sync");
    arrive(sync(b), sc, b);
    assertEquals(
        List.of(
            "ORDERED 1 b#1 b1",
            "ORDERED 2 c#1 c1",
            "ORDERED 3 b#2 b2",
            "ORDERED 4 b#3 b3",
            "ORDERED 5 a#1 a1",
            "ORDERED 6 b#4 b4",
            "ORDERED 7 c#2 c2"),
        describe(sc.takeSent()));
  }

  /**
   * A SYNC may reach the new coordinator before its own view does (b installed the view first): c
   * counts it and takes over as soon as it installs the view. Each turn as coordinator needs its
   * own SYNCs: when c leads again after b led, it waits for b's new SYNC, and b's forward, which c
   * held and numbered in its first turn, is not numbered again.
   */
  @Test
  void aSyncBeforeTheViewCountsAndEachTurnAsCoordinatorNeedsItsOwn() throws Exception {
    ProtocolSandwich<FixedSequencer> sc = member(c);
    sc.view(a, b, c);
    sc.takeSent();
    arrive(ordered(1, a, 1, "a1"), sc, a);
    arrive(forward(b, 1, "b1"), sc, b);
    arrive(sync(b), sc, b);
    assertEquals(List.of(), sc.takeSent(), "c is not the coordinator yet: it sends nothing");

    sc.view(c, b);
    List<Message> firstTurn = sc.takeSent();
    assertEquals(
        List.of("ORDERED 1 a#1 a1", "ORDERED 2 b#1 b1"),
        describe(firstTurn),
        "b synced before c's view came: c multicasts again what it holds and numbers on at once");
    arrive(firstTurn.get(1), sc, c);

    sc.view(b, c); // b coordinates for a while (after a merge, say)
    sc.takeSent();
    sc.view(c, b);
    assertEquals(
        List.of(), sc.takeSent(), "c leads again: it numbers nothing until b has synced again");
    arrive(sync(b), sc, b);
    assertEquals(
        List.of("ORDERED 1 a#1 a1", "ORDERED 2 b#1 b1"),
        describe(sc.takeSent()),
        "c multicasts again what it holds; b#1, numbered in c's first turn, is not numbered again");
  }

  /**
   * The group's first member numbers from 1: its own multicasts that come back out of order wait
   * for number 1. A member that joins later starts at the first number it receives (the state it
   * received covers the earlier ones).
   */
  @Test
  void theFirstMemberStartsAtOneAJoinerAtTheFirstNumberItReceives() throws Exception {
    ProtocolSandwich<FixedSequencer> sa = member(a);
    sa.view(a);
    sa.fromAbove(text("a1"));
    sa.fromAbove(text("a2"));
    List<Message> ordered = sa.takeSent();
    assertEquals(List.of("ORDERED 1 a#1 a1", "ORDERED 2 a#2 a2"), describe(ordered));
    arrive(ordered.get(1), sa, a);
    assertEquals(List.of(), delivered(sa), "the first member has not delivered 1 yet: 2 waits");
    arrive(ordered.get(0), sa, a);
    assertEquals(List.of("a:a1", "a:a2"), delivered(sa));

    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b);
    arrive(ordered(7, a, 7, "a7"), sb, a);
    arrive(ordered(8, a, 8, "a8"), sb, a);
    assertEquals(
        List.of("a:a7", "a:a8"), delivered(sb), "a joiner starts at the first number it receives");
  }

  /**
   * A member keeps the last {@value FixedSequencer#KEEP} numbers it delivered, and those waiting
   * for a gap, to hand them to the next coordinator; older ones it forgets.
   */
  @Test
  void aMemberKeepsTheLastNumbersItDeliveredForTheNextCoordinator() throws Exception {
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b, c);
    sb.takeSent();
    int delivered = FixedSequencer.KEEP + 10;
    for (int seq = 1; seq <= delivered; seq++) {
      arrive(ordered(seq, a, seq, "a" + seq), sb, a);
    }
    int afterGap = delivered + 2;
    arrive(ordered(afterGap, a, afterGap, "late"), sb, a);
    assertEquals(delivered, delivered(sb).size());

    sb.view(c, b);
    List<String> sent = describe(sb.takeSent());
    int first = delivered - FixedSequencer.KEEP + 1;
    assertEquals(
        "ORDERED " + first + ">c a#" + first + " a" + first,
        sent.get(0),
        "b holds its last " + FixedSequencer.KEEP + " delivered numbers, from " + first);
    assertEquals(FixedSequencer.KEEP + 2, sent.size(), "those, the one after the gap, and SYNC");
    assertEquals(
        List.of("ORDERED " + afterGap + ">c a#" + afterGap + " late", "SYNC>c b"),
        sent.subList(sent.size() - 2, sent.size()));
  }

  /**
   * JGroups also hands messages up in batches: the ordered ones are taken out and delivered in
   * number order, each once, from its origin; the others go up as they are.
   */
  @Test
  void orderedMessagesAreTakenOutOfABatch() throws Exception {
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b, c);
    MessageBatch batch = new MessageBatch(4).sender(a).dest(null).mcast(true);
    batch.add(ordered(1, a, 1, "a1").setSrc(a));
    batch.add(text("plain1").setSrc(a));
    batch.add(ordered(2, c, 1, "c1").setSrc(a));
    batch.add(text("plain2").setSrc(a));
    sb.fromBelow(batch);
    List<String> delivered = delivered(sb);
    assertEquals(
        List.of("a:a1", "c:c1"),
        delivered.stream().filter(m -> !m.contains("plain")).toList(),
        "the ordered messages, in number order, each from its origin, once");
    assertEquals(
        List.of("a:plain1", "a:plain2"),
        delivered.stream().filter(m -> m.contains("plain")).toList(),
        "the unordered ones, each once");
  }

  /** Unicasts, OOB multicasts and messages without the header are not ordered: they pass. */
  @Test
  void unorderedTrafficPassesStraightThrough() throws Exception {
    ProtocolSandwich<FixedSequencer> sb = member(b);
    sb.view(a, b);
    sb.takeSent();
    Message unicast = text("u").setDest(c);
    Message oob = text("o").setFlag(Message.Flag.OOB);
    sb.fromAbove(unicast);
    sb.fromAbove(oob);
    List<Message> sent = sb.takeSent();
    assertEquals(2, sent.size(), "both sent as they are");
    assertSame(unicast, sent.get(0));
    assertSame(oob, sent.get(1));
    sb.fromBelow(text("plain").setSrc(c));
    assertEquals(List.of("c:plain"), delivered(sb), "delivered at once");
  }

  private ProtocolSandwich<FixedSequencer> member(Address self) throws Exception {
    ProtocolSandwich<FixedSequencer> s = new ProtocolSandwich<>(new FixedSequencer(), self);
    members.add(s);
    return s;
  }

  /** {@code msg} as the network hands it to {@code to}: a copy, from {@code src}. */
  private static void arrive(Message msg, ProtocolSandwich<FixedSequencer> to, Address src) {
    to.fromBelow(msg.copy(true, true).setSrc(src));
  }

  private static Message text(String text) {
    return new BytesMessage(null, text.getBytes(UTF_8));
  }

  private static String text(Message msg) {
    return new String(msg.getArray(), msg.getOffset(), msg.getLength(), UTF_8);
  }

  /** The coordinator's multicast of {@code origin}'s {@code localId}-th message, number seq. */
  private static Message ordered(long seq, Address origin, long localId, String text) {
    return text(text).putHeader(ID, OrderHeader.ordered(seq, origin, localId));
  }

  private Message forward(Address origin, long localId, String text) {
    return text(text).setDest(c).putHeader(ID, OrderHeader.forward(origin, localId));
  }

  /** {@code from}'s SYNC to c. */
  private Message sync(Address from) {
    return text("").setDest(c).putHeader(ID, OrderHeader.sync(from));
  }

  /** What reached the application, as {@code origin:text}. */
  private static List<String> delivered(ProtocolSandwich<FixedSequencer> s) {
    return s.delivered().stream().map(m -> NameCache.get(m.getSrc()) + ":" + text(m)).toList();
  }

  private static List<String> describe(List<Message> sent) {
    return sent.stream().map(FixedSequencerTest::describe).toList();
  }

  private static String describe(Message m) {
    OrderHeader h = m.getHeader(ID);
    if (h == null) {
      return "plain " + text(m);
    }
    String to = m.getDest() == null ? "" : ">" + NameCache.get(m.getDest());
    return switch (h.type()) {
      case ORDERED ->
          "ORDERED "
              + h.seq()
              + to
              + " "
              + NameCache.get(h.origin())
              + "#"
              + h.localId()
              + " "
              + text(m);
      case FORWARD ->
          "FORWARD" + to + " " + NameCache.get(h.origin()) + "#" + h.localId() + " " + text(m);
      case SYNC -> "SYNC" + to + " " + NameCache.get(h.origin());
    };
  }
}
