package io.pdslab.harness.cluster.jgroups;

import io.pdslab.harness.cluster.NodeSpec;
import io.pdslab.harness.cluster.ServerAddress;
import io.pdslab.harness.jgroups.ChaosProtocol;
import io.pdslab.harness.jgroups.FaultLog;
import io.pdslab.harness.jgroups.StrictBarrier;
import io.pdslab.harness.jgroups.StrictNakack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jgroups.JChannel;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.pbcast.STATE_TRANSFER;
import org.jgroups.stack.Protocol;

/**
 * A cluster-mode node's JGroups channel: TCP on the node's first port, discovery by {@link TCPPING}
 * over every server's address (no IP multicast, so it works on loopback and on cluster fabrics
 * without it), and the harness's {@link ChaosProtocol} above discovery, through which the driver's
 * partitions {@linkplain #cut cut} links.
 *
 * <p>Failure detection tells a crash from a pause: {@link FD_SOCK2} (on the node's second port)
 * suspects a member at once when its process dies and its sockets close; {@link FD_ALL3} suspects
 * one only after {@link #HANG_TIMEOUT_MS} of silence, longer than the nemesis' pauses and
 * partitions, so those stall the group instead of splitting it. {@link MERGE3} heals a split that
 * happens anyway (a JVM stalled by a loaded machine).
 *
 * <p>The channel's logical name is the node id, which is what {@link ChaosProtocol} and the
 * driver's {@code cut} commands name members by.
 */
public final class ClusterChannel {
  /** Ports a node needs: the transport's, then the crash detector's. */
  public static final int PORTS = 2;

  /** Silence after which a member is suspected of hanging. */
  static final long HANG_TIMEOUT_MS = 20_000;

  private final JChannel channel;
  private final ChaosProtocol chaos;

  private ClusterChannel(JChannel channel, ChaosProtocol chaos) {
    this.channel = channel;
    this.chaos = chaos;
  }

  /**
   * A new, unconnected channel for {@code spec}'s node: TCP, TCPPING, chaos, MERGE3, FD_SOCK2,
   * FD_ALL3, VERIFY_SUSPECT2, {@link StrictBarrier}, {@link StrictNakack}, UNICAST3, STABLE, GMS,
   * then {@code aboveGms} (e.g. SEQUENCER), FRAG2 and STATE_TRANSFER.
   */
  public static ClusterChannel create(NodeSpec spec, Protocol... aboveGms) throws Exception {
    ServerAddress self = spec.self();
    List<InetSocketAddress> initialHosts = new ArrayList<>();
    for (ServerAddress s : spec.servers()) {
      initialHosts.add(new InetSocketAddress(address(s.host()), s.port(0)));
    }
    ChaosProtocol chaos = new ChaosProtocol(spec.id(), spec.seed(), new FaultLog());
    List<Protocol> stack = new ArrayList<>();
    stack.add(
        new TCP().setBindAddress(address(self.host())).setBindPort(self.port(0)).setPortRange(0));
    stack.add(new TCPPING().initialHosts(initialHosts).portRange(0));
    stack.add(chaos);
    stack.add(new MERGE3().setMinInterval(2_000).setMaxInterval(5_000));
    // On the node's own address: a wildcard listener would also clash with other programs'
    // sockets on that port on any interface when the node is restarted and binds it again.
    stack.add(new FD_SOCK2().setBindAddress(address(self.host())).setOffset(1).setPortRange(0));
    stack.add(new FD_ALL3().setTimeout(HANG_TIMEOUT_MS).setInterval(2_000));
    stack.add(new VERIFY_SUSPECT2().setTimeout(1_500));
    stack.add(new StrictBarrier()); // JGroups 5.5.7's BARRIER loses updates in state transfer
    stack.add(new StrictNakack().setXmitInterval(200).resendLastSeqno(true));
    stack.add(new UNICAST3().setXmitInterval(200));
    stack.add(new STABLE().setDesiredAverageGossip(2_000));
    stack.add(
        new GMS()
            .printLocalAddress(false)
            .setJoinTimeout(2_000)
            .setMaxJoinAttempts(0)
            .setViewAckCollectionTimeout(1_000));
    stack.addAll(Arrays.asList(aboveGms));
    stack.add(new FRAG2());
    stack.add(new STATE_TRANSFER());
    return new ClusterChannel(new JChannel(stack).name(spec.id()), chaos);
  }

  /** The channel, not connected yet when created. */
  public JChannel channel() {
    return channel;
  }

  /**
   * Drops every message from the servers {@code ids} until the next call (an empty set heals).
   * Every node of a partition is told to cut the other side, so links are cut both ways.
   */
  public synchronized void cut(Set<String> ids) {
    chaos.heal();
    ids.forEach(chaos::cutFrom);
  }

  private static InetAddress address(String host) throws UnknownHostException {
    return InetAddress.getByName(host);
  }
}
