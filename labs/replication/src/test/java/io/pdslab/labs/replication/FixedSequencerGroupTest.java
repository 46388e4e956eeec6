package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.pdslab.harness.jgroups.ChaosNet;
import io.pdslab.harness.jgroups.FaultRates;
import io.pdslab.harness.junit.SimulationTest;
import io.pdslab.labs.replication.given.ReplicaGroup;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.FutureTask;
import org.awaitility.core.ConditionTimeoutException;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.ObjectMessage;
import org.jgroups.Receiver;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.util.Table;
import org.junit.jupiter.api.Timeout;

/**
 * Part E on real channels: your {@link FixedSequencer} in every member's stack, on a lossy network,
 * with members that multicast concurrently. The members are the test's own (they record what they
 * deliver and nothing else), so this part is graded on your protocol alone, not on your part C
 * replica; {@link FixedSequencerSmrTest} runs both together.
 */
@Timeout(120)
class FixedSequencerGroupTest {

  private static final int MEMBERS = 3;
  private static final int SENDERS_PER_MEMBER = 2;
  private static final int MESSAGES_PER_SENDER = 30;
  private static final int XMIT_ROUNDS = 3;

  /** Bytes of the multicast in {@link #aMulticastLargerThanAFragmentIsDeliveredWhole}. */
  private static final int LARGE_BYTES = 200_000;

  /** One multicast of the test: sent by thread {@code sender} of a member as its {@code n}-th. */
  record Tagged(String sender, int n) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The member that sent it. */
    String member() {
      return sender.substring(0, sender.indexOf('/'));
    }

    @Override
    public String toString() {
      return sender + "#" + n;
    }
  }

  /**
   * Lossy links (drops, duplicates, delays below NAKACK2) and six threads multicasting at once
   * through three members: every member delivers every multicast exactly once, and all in one
   * order. Without that, replicas that apply what they deliver diverge.
   */
  @SimulationTest
  void oneOrderUnderFaults(long seed) throws Exception {
    try (ChaosNet net = new ChaosNet("fixed-sequencer-seed" + seed, seed)) {
      List<Member> members = start(net);
      net.rates(FaultRates.lossy());

      List<FutureTask<Void>> senders = new ArrayList<>();
      for (Member m : members) {
        for (int s = 0; s < SENDERS_PER_MEMBER; s++) {
          senders.add(m.startSending(m.name() + "/" + s));
        }
      }
      for (FutureTask<Void> sender : senders) {
        sender.get(); // a sender's failure to multicast fails the test here
      }
      int total = MEMBERS * SENDERS_PER_MEMBER * MESSAGES_PER_SENDER;
      String report =
          "seed "
              + seed
              + " fixes the fault decisions on every link, not the thread interleavings (real"
              + " channels, real time): a rerun may take another path.\n"
              + net.log().summary();
      try {
        ReplicaGroup.waiting("every member delivers all " + total + " multicasts")
            .until(() -> members.stream().allMatch(m -> m.delivered().size() >= total));
      } catch (ConditionTimeoutException e) {
        fail(missing(members, total) + "\n" + report + "\n" + net.deliveryReport(), e);
      }
      List<Tagged> first = members.get(0).delivered();
      for (Member m : members) {
        List<Tagged> got = m.delivered();
        Set<Tagged> unique = new HashSet<>(got);
        assertEquals(
            got.size(),
            unique.size(),
            () -> m.name() + " delivered a multicast twice: " + duplicates(got) + "\n" + report);
        assertEquals(
            total,
            got.size(),
            () -> m.name() + " delivered a multicast nobody sent: " + got + "\n" + report);
        assertEquals(
            List.of(),
            m.wrongSources(),
            () ->
                m.name()
                    + " delivered multicasts whose source is not their origin (a replica answers"
                    + " its own clients by the source)\n"
                    + report);
        String divergence = divergence(members.get(0).name(), first, m.name(), got);
        if (divergence != null) {
          fail(divergence + "\n" + report);
        }
      }
    }
  }

  /**
   * An ordered multicast lost on its way to m1 (m0>m1 cut while m0 numbers m2's message) reaches m1
   * by retransmission, once the next one shows m1 the gap: the coordinator's NAKACK2 resends the
   * message it keeps, so that message must still name the coordinator as its source (a protocol
   * that delivers it with the origin as source must deliver a copy, not change it).
   */
  @SimulationTest
  void aLostOrderedMulticastIsRetransmitted(long seed) throws Exception {
    try (ChaosNet net = new ChaosNet("fixed-sequencer-xmit-seed" + seed, seed)) {
      List<Member> members = start(net);
      Member m0 = members.get(0);
      Member m1 = members.get(1);
      Member m2 = members.get(2);
      for (int round = 1; round <= XMIT_ROUNDS; round++) {
        int before = m1.delivered().size();
        net.cutOneWay("m0", "m1");
        m2.channel.send(new ObjectMessage(null, new Tagged("m2/0", 2 * round - 1)));
        ReplicaGroup.waiting("m0 and m2 deliver the multicast sent during the cut")
            .until(
                () -> m0.delivered().size() == before + 1 && m2.delivered().size() == before + 1);
        assertEquals(
            List.of(),
            m0.keptWithAnotherSource(),
            "m0's NAKACK2 keeps these multicasts of m0 to retransmit them, but their source is no"
                + " longer m0: your protocol changed the message it delivered (deliver a copy with"
                + " the origin as source), so a retransmission would be filed under another"
                + " member's seqnos and the member that lost it would wait for it in vain");
        net.healCuts();
        m2.channel.send(new ObjectMessage(null, new Tagged("m2/0", 2 * round)));
        try {
          ReplicaGroup.waiting("m1 delivers both multicasts")
              .until(() -> m1.delivered().size() == before + 2);
        } catch (ConditionTimeoutException e) {
          fail(
              "m1 missed the ordered multicast m0 sent while m0>m1 was cut, and it never came by"
                  + " retransmission (m1 delivered "
                  + m1.delivered()
                  + "): does your protocol change the source of the message NAKACK2 hands up? The"
                  + " coordinator's NAKACK2 retransmits that very object, and a retransmission"
                  + " whose source is the origin is filed under the origin's seqnos\n"
                  + net.log().summary()
                  + "\n"
                  + net.deliveryReport(),
              e);
        }
      }
      assertEquals(m0.delivered(), m1.delivered(), "m1 delivers in the coordinator's order");
    }
  }

  /**
   * FRAG2 sits above your protocol: a multicast larger than its fragment size (60 KB) goes down as
   * several fragments, each carrying FRAG2's header, and each is ordered on its own. The copies
   * your protocol sends and delivers must keep the headers of the protocols above it, or no member
   * can put the multicast together again.
   */
  @SimulationTest
  void aMulticastLargerThanAFragmentIsDeliveredWhole(long seed) throws Exception {
    try (ChaosNet net = new ChaosNet("fixed-sequencer-frag-seed" + seed, seed)) {
      List<Member> members = start(net);
      byte[] payload = new byte[LARGE_BYTES];
      new Random(seed).nextBytes(payload);
      Tagged tag = new Tagged("m1/0", 1);
      members.get(1).channel.send(new ObjectMessage(null, new Large(tag, payload)));
      try {
        ReplicaGroup.waiting("every member delivers the " + LARGE_BYTES + "-byte multicast")
            .until(() -> members.stream().allMatch(m -> m.delivered().contains(tag)));
      } catch (ConditionTimeoutException e) {
        fail(
            "not every member delivered m1's multicast of "
                + LARGE_BYTES
                + " bytes, which FRAG2 (above your protocol) sent as several fragments: do the"
                + " copies your protocol makes keep the headers of the protocols above it? Without"
                + " FRAG2's header a fragment cannot be put together again\n"
                + net.deliveryReport(),
            e);
      }
      for (Member m : members) {
        assertEquals(List.of(tag), m.delivered(), m.name() + " delivers the multicast once");
        assertArrayEquals(payload, m.largePayload(), m.name() + " delivers the whole multicast");
      }
    }
  }

  /** A multicast of the test that carries {@code payload} besides its tag. */
  record Large(Tagged tag, byte[] payload) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Starts the members m0 (the coordinator), m1, ... with your protocol; waits for one view. */
  private static List<Member> start(ChaosNet net) throws Exception {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      members.add(new Member(net.channel("m" + i, new FixedSequencer())));
      members.get(i).channel.connect(net.cluster());
    }
    String[] names = members.stream().map(Member::name).toArray(String[]::new);
    ReplicaGroup.waiting("one view of all members").until(() -> net.sameView(names));
    return members;
  }

  /** What each member has not delivered, for a timeout's report. */
  private static String missing(List<Member> members, int total) {
    StringBuilder out =
        new StringBuilder("not every member delivered all " + total + " multicasts:");
    for (Member m : members) {
      Set<Tagged> lacks = new LinkedHashSet<>(allSent(members));
      m.delivered().forEach(lacks::remove);
      out.append("\n  ")
          .append(m.name())
          .append(" delivered ")
          .append(m.delivered().size())
          .append(", lacks ")
          .append(lacks);
    }
    return out.toString();
  }

  private static List<Tagged> allSent(List<Member> members) {
    List<Tagged> all = new ArrayList<>();
    for (Member m : members) {
      for (int s = 0; s < SENDERS_PER_MEMBER; s++) {
        for (int n = 1; n <= MESSAGES_PER_SENDER; n++) {
          all.add(new Tagged(m.name() + "/" + s, n));
        }
      }
    }
    return all;
  }

  private static List<Tagged> duplicates(List<Tagged> delivered) {
    Set<Tagged> seen = new HashSet<>();
    return delivered.stream().filter(t -> !seen.add(t)).toList();
  }

  /** Null if {@code a} and {@code b} are one order; else where they part, with context. */
  private static String divergence(String nameA, List<Tagged> a, String nameB, List<Tagged> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        int from = Math.max(0, i - 3);
        int to = Math.min(Math.min(a.size(), b.size()), i + 4);
        return "two members delivered the same multicasts in different orders (replicas applying"
            + " them would diverge): from delivery "
            + (i + 1)
            + " on,\n  "
            + nameA
            + ": ... "
            + a.subList(from, to)
            + "\n  "
            + nameB
            + ": ... "
            + b.subList(from, to);
      }
    }
    return null;
  }

  /** A member of the test: multicasts {@link Tagged} messages and records what it delivers. */
  private static final class Member implements Receiver {
    final JChannel channel;
    private final List<Tagged> delivered = new ArrayList<>();
    private final List<String> wrongSources = new ArrayList<>();
    private byte[] largePayload;

    Member(JChannel channel) {
      this.channel = channel;
      channel.setReceiver(this);
    }

    String name() {
      return channel.getName();
    }

    @Override
    public void receive(Message msg) {
      Object body = msg.getObject();
      Tagged t = body instanceof Large large ? large.tag() : (Tagged) body;
      String source = String.valueOf(msg.getSrc());
      synchronized (delivered) {
        if (body instanceof Large large) {
          largePayload = large.payload();
        }
        delivered.add(t);
        if (!source.equals(t.member())) {
          wrongSources.add(t + " from " + source);
        }
      }
    }

    /**
     * The multicasts this member's NAKACK2 keeps for retransmission whose source is no longer this
     * member, as "seqno: source".
     */
    List<String> keptWithAnotherSource() {
      NAKACK2 nakack = channel.getProtocolStack().findProtocol(NAKACK2.class);
      Table<Message> own = nakack.getWindow(channel.getAddress());
      List<String> out = new ArrayList<>();
      for (long seqno = own.getLow(); seqno <= own.getHighestReceived(); seqno++) {
        Message m = own.get(seqno);
        if (m != null && m.getSrc() != null && !m.getSrc().equals(channel.getAddress())) {
          out.add(seqno + ": " + m.getSrc());
        }
      }
      return out;
    }

    /** The deliveries whose source was not the member that sent them. */
    List<String> wrongSources() {
      synchronized (delivered) {
        return new ArrayList<>(wrongSources);
      }
    }

    /** The payload of the last {@link Large} multicast delivered, or null. */
    byte[] largePayload() {
      synchronized (delivered) {
        return largePayload;
      }
    }

    List<Tagged> delivered() {
      synchronized (delivered) {
        return new ArrayList<>(delivered);
      }
    }

    /** Starts a thread that multicasts {@code MESSAGES_PER_SENDER} messages as {@code sender}. */
    FutureTask<Void> startSending(String sender) {
      FutureTask<Void> task =
          new FutureTask<>(
              () -> {
                for (int n = 1; n <= MESSAGES_PER_SENDER; n++) {
                  channel.send(new ObjectMessage(null, new Tagged(sender, n)));
                }
                return null;
              });
      Thread t = new Thread(task, sender);
      t.setDaemon(true);
      t.start();
      return task;
    }
  }
}
