package io.pdslab.harness.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.ObjectMessage;
import org.jgroups.Receiver;
import org.jgroups.util.NameCache;
import org.jgroups.util.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChaosNet} on real channels. */
@Timeout(120)
class ChaosNetTest {

  private static final long WAIT_MS = 60_000;

  /**
   * Every message is delayed by up to 400 ms, far longer than the survivors take to install a view
   * without the crashed member, after which NAKACK2 would discard its late multicasts: the crash
   * waits until they have arrived, so every survivor delivers all of them.
   */
  @Test
  void aCrashedMembersLastMulticastsReachEverySurvivor() throws Exception {
    try (ChaosNet net = new ChaosNet("chaos-net-crash", 5)) {
      JChannel r0 = net.channel("r0");
      JChannel r1 = net.channel("r1");
      JChannel r2 = net.channel("r2");
      AtomicInteger atR1 = countFrom(r1, "r0");
      AtomicInteger atR2 = countFrom(r2, "r0");
      r0.connect(net.cluster());
      r1.connect(net.cluster());
      r2.connect(net.cluster());
      Util.waitUntilAllChannelsHaveSameView(WAIT_MS, 10, r0, r1, r2);
      net.rates(new FaultRates(0, 0, 1, 400));
      int sent = 30;
      for (int i = 0; i < sent; i++) {
        r0.send(new ObjectMessage(null, i));
      }
      net.crash("r0");
      Util.waitUntil(WAIT_MS, 10, () -> net.sameView("r1", "r2"));
      Util.waitUntilTrue(WAIT_MS, 10, () -> atR1.get() == sent && atR2.get() == sent);
      assertEquals(sent, atR1.get(), () -> "r1 delivered every multicast of r0\n" + why(net));
      assertEquals(sent, atR2.get(), () -> "r2 delivered every multicast of r0\n" + why(net));
    }
  }

  /**
   * A member cut off from a sender shows, in the delivery report, how far behind it is: the report
   * is what tells a stuck replica from a wrong one when a history is not linearizable.
   */
  @Test
  void theDeliveryReportShowsAMemberThatFellBehind() throws Exception {
    try (ChaosNet net = new ChaosNet("chaos-net-report", 7)) {
      JChannel r0 = net.channel("r0");
      JChannel r1 = net.channel("r1");
      AtomicInteger atR1 = countFrom(r1, "r0");
      r0.connect(net.cluster());
      r1.connect(net.cluster());
      Util.waitUntilAllChannelsHaveSameView(WAIT_MS, 10, r0, r1);
      for (int i = 0; i < 3; i++) {
        r0.send(new ObjectMessage(null, i));
      }
      Util.waitUntilTrue(WAIT_MS, 10, () -> atR1.get() == 3);
      long before = delivered(net.deliveryReport(), "r1", "r0");
      net.cutOneWay("r0", "r1");
      for (int i = 3; i < 5; i++) {
        r0.send(new ObjectMessage(null, i));
      }
      Util.waitUntilTrue(
          WAIT_MS, 10, () -> delivered(net.deliveryReport(), "r0", "r0") == before + 2);
      String report = net.deliveryReport();
      assertEquals(before, delivered(report, "r1", "r0"), report);
      assertTrue(report.contains("r0: " + before + "/" + before + ","), report);
      net.healCuts();
      Util.waitUntilTrue(WAIT_MS, 10, () -> atR1.get() == 5);
      Util.waitUntilTrue(
          WAIT_MS, 10, () -> delivered(net.deliveryReport(), "r1", "r0") == before + 2);
    }
  }

  /** What each member delivered, and the faults: what a failed assertion needs to be read. */
  private static String why(ChaosNet net) {
    return net.deliveryReport() + "\n" + net.log().summary();
  }

  /** In a delivery report, how many multicasts of {@code sender} {@code member} delivered. */
  private static long delivered(String report, String member, String sender) {
    Matcher m =
        Pattern.compile("^  " + member + " view .*?, " + sender + ": (\\d+)/", Pattern.MULTILINE)
            .matcher(report);
    assertTrue(m.find(), report);
    return Long.parseLong(m.group(1));
  }

  private static AtomicInteger countFrom(JChannel channel, String sender) {
    AtomicInteger count = new AtomicInteger();
    channel.setReceiver(
        new Receiver() {
          @Override
          public void receive(Message msg) {
            if (sender.equals(NameCache.get(msg.getSrc()))) {
              count.incrementAndGet();
            }
          }
        });
    return count;
  }
}
