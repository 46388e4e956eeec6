package io.pdslab.labs.replication;

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
import java.util.Set;
import java.util.concurrent.FutureTask;
import org.awaitility.core.ConditionTimeoutException;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.ObjectMessage;
import org.jgroups.Receiver;
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
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        members.add(new Member(net.channel("m" + i, new FixedSequencer())));
        members.get(i).channel.connect(net.cluster());
      }
      String[] names = members.stream().map(Member::name).toArray(String[]::new);
      ReplicaGroup.waiting("one view of all members").until(() -> net.sameView(names));
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

    Member(JChannel channel) {
      this.channel = channel;
      channel.setReceiver(this);
    }

    String name() {
      return channel.getName();
    }

    @Override
    public void receive(Message msg) {
      Tagged t = msg.getObject();
      String source = String.valueOf(msg.getSrc());
      synchronized (delivered) {
        delivered.add(t);
        if (!source.equals(t.member())) {
          wrongSources.add(t + " from " + source);
        }
      }
    }

    /** The deliveries whose source was not the member that sent them. */
    List<String> wrongSources() {
      synchronized (delivered) {
        return new ArrayList<>(wrongSources);
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
