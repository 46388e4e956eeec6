package io.pdslab.labs.raft;

import io.pdslab.harness.node.NodeEnv;
import io.pdslab.harness.node.StableStorage;
import io.pdslab.labs.raft.given.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/** A node environment for unit tests: records sends, keeps storage in memory. */
final class FakeEnv implements NodeEnv<Message> {
  record Sent(String to, Message message) {}

  /** In-memory storage; {@link #copy()} is what a restarted node sees. */
  static final class MemoryStorage implements StableStorage {
    private final Map<String, byte[]> data = new TreeMap<>();

    @Override
    public Optional<byte[]> read(String key) {
      return Optional.ofNullable(data.get(key)).map(byte[]::clone);
    }

    @Override
    public void write(Map<String, byte[]> entries) {
      entries.forEach((k, v) -> data.put(k, v.clone()));
    }

    @Override
    public long sizeBytes() {
      return data.values().stream().mapToLong(v -> v.length).sum();
    }

    MemoryStorage copy() {
      MemoryStorage c = new MemoryStorage();
      c.write(data);
      return c;
    }
  }

  final List<Sent> sent = new ArrayList<>();
  private final String self;
  private final List<String> peers;
  private final MemoryStorage storage;
  private final Random random = new Random(1);

  FakeEnv(String self, List<String> peers, MemoryStorage storage) {
    this.self = self;
    this.peers = peers;
    this.storage = storage;
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> peers() {
    return peers;
  }

  @Override
  public void send(String to, Message message) {
    sent.add(new Sent(to, message));
  }

  @Override
  public MemoryStorage storage() {
    return storage;
  }

  @Override
  public Random random() {
    return random;
  }

  @Override
  public long nowMillis() {
    return 0;
  }

  @Override
  public void log(String format, Object... args) {}

  /** The messages sent so far of one type, then forgets every sent message. */
  <T> List<T> drain(Class<T> type) {
    List<T> out =
        sent.stream().map(Sent::message).filter(type::isInstance).map(type::cast).toList();
    sent.clear();
    return out;
  }
}
