package io.pdslab.labs.raft.given.kv;

import io.pdslab.harness.lin.HistoryRecorder;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.node.NodeEnv;
import io.pdslab.labs.raft.given.Message;
import io.pdslab.labs.raft.given.kv.KvMessage.KvRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.Behavior;

/**
 * One client's random workload of gets, puts and appends over a few keys, each operation recorded
 * in a history for the linearizability checker. The simulator's tests and cluster mode both run it.
 * Values are unique ({@code c1.7;}), so a wrong read shows which write it came from.
 */
public final class KvWorkload implements KvClerk.Workload {
  private static final String[] KEYS = {"a", "b", "c"};

  private final Random random;
  private final BooleanSupplier running;
  private final HistoryRecorder<KvModel.Op, String> history;
  private final Duration thinkTime;
  private final Map<Long, Long> handles = new TreeMap<>();

  /**
   * @param random draws the operations
   * @param running whether to start another operation
   * @param history where operations are recorded; the client number is the number in the id
   * @param thinkTime pause between an answer and the next operation
   */
  public KvWorkload(
      Random random,
      BooleanSupplier running,
      HistoryRecorder<KvModel.Op, String> history,
      Duration thinkTime) {
    this.random = random;
    this.running = running;
    this.history = history;
    this.thinkTime = thinkTime;
  }

  /**
   * A {@link KvClerk} of {@code servers} running this workload (arguments as for the constructor).
   */
  public static Behavior<Message> clerk(
      NodeEnv<Message> env,
      List<String> servers,
      Random random,
      BooleanSupplier running,
      HistoryRecorder<KvModel.Op, String> history,
      Duration thinkTime) {
    return KvClerk.create(env, servers, new KvWorkload(random, running, history, thinkTime));
  }

  @Override
  public KvRequest next(String clientId, long seq) {
    if (!running.getAsBoolean()) {
      return null;
    }
    String key = KEYS[random.nextInt(KEYS.length)];
    String value = clientId + "." + seq + ";";
    return switch (random.nextInt(3)) {
      case 0 -> new KvRequest(clientId, seq, KvMessage.Kind.GET, key, "");
      case 1 -> new KvRequest(clientId, seq, KvMessage.Kind.PUT, key, value);
      default -> new KvRequest(clientId, seq, KvMessage.Kind.APPEND, key, value);
    };
  }

  @Override
  public Duration thinkTime() {
    return thinkTime;
  }

  @Override
  public void invoked(KvRequest r) {
    KvModel.Op op =
        switch (r.kind()) {
          case GET -> KvModel.Op.get(r.key());
          case PUT -> KvModel.Op.put(r.key(), r.value());
          case APPEND -> KvModel.Op.append(r.key(), r.value());
        };
    handles.put(r.seq(), history.invoke(Integer.parseInt(r.clientId().substring(1)), op));
  }

  @Override
  public void completed(KvRequest r, String value) {
    history.complete(handles.remove(r.seq()), r.kind() == KvMessage.Kind.GET ? value : "");
  }
}
