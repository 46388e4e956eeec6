package io.pdslab.labs.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pdslab.harness.lin.model.KvModel.Kind;
import io.pdslab.labs.replication.given.Command;
import io.pdslab.labs.replication.given.Reply;
import io.pdslab.labs.replication.given.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Part A: {@link KvStateMachine} alone, without a channel. The group tests reach it only through
 * replicas that see few repeats and restore only into an empty state; these check each rule of its
 * contract directly, so a broken rule fails here with its name.
 */
class KvStateMachineTest {

  private final KvStateMachine kv = new KvStateMachine();

  private static Command put(long client, long seq, String key, String value) {
    return new Command(client, seq, Kind.PUT, key, value);
  }

  private static Command append(long client, long seq, String key, String value) {
    return new Command(client, seq, Kind.APPEND, key, value);
  }

  private static Command get(long client, long seq, String key) {
    return new Command(client, seq, Kind.GET, key, null);
  }

  /** Put replaces, append extends, get reads; a key never written reads as "". */
  @Test
  void putAppendAndGetFollowTheKeyValueModel() {
    assertEquals(Reply.ok(""), kv.apply(get(1, 1, "k")), "a key never written reads as \"\"");
    assertEquals(Reply.ok(""), kv.apply(append(1, 2, "k", "a")), "append answers \"\"");
    assertEquals(Reply.ok(""), kv.apply(append(1, 3, "k", "b")));
    assertEquals(Reply.ok("ab"), kv.apply(get(1, 4, "k")), "append extends the value");
    assertEquals(Reply.ok(""), kv.apply(put(1, 5, "k", "x")), "put answers \"\"");
    assertEquals(Reply.ok("x"), kv.apply(get(1, 6, "k")), "put replaces the value");
    assertEquals("x", kv.read("k"));
    assertEquals("", kv.read("never"), "read of a key never written");
  }

  /**
   * A repeat of the client's last request gets the first reply and changes nothing, even after
   * other clients wrote; an older request is a stale duplicate: TIMEOUT, nothing changes.
   */
  @Test
  void eachRequestExecutesOnceAndStaleDuplicatesAreIgnored() {
    kv.apply(put(1, 1, "k", "v"));
    assertEquals(Reply.ok(""), kv.apply(append(1, 2, "k", "+")));
    kv.apply(put(2, 1, "k", "w"));
    assertEquals(Reply.ok("w"), kv.apply(get(1, 3, "k")));
    kv.apply(append(2, 2, "k", "!"));

    assertEquals(
        Reply.ok("w"),
        kv.apply(get(1, 3, "k")),
        "a repeated get must get its first reply, not a new read");
    assertEquals(Reply.ok(""), kv.apply(append(2, 2, "k", "!")), "a repeated append executes once");
    assertEquals("w!", kv.read("k"), "a repeated append must not execute again");
    assertEquals(
        Reply.timeout(),
        kv.apply(append(2, 1, "k", "?")),
        "a request older than the client's last one is a stale duplicate: TIMEOUT");
    assertEquals(Reply.timeout(), kv.apply(get(1, 2, "k")), "a stale get: TIMEOUT");
    assertEquals("w!", kv.read("k"), "a stale duplicate must not execute");
    assertEquals(Reply.ok("w!"), kv.apply(get(1, 4, "k")), "the client's next request executes");
  }

  /** A snapshot holds the data and, per client, the last request and its reply. */
  @Test
  void snapshotHoldsDataAndDuplicateTable() {
    kv.apply(put(1, 1, "a", "1"));
    kv.apply(get(2, 7, "a"));
    assertEquals(
        new Snapshot(
            Map.of("a", "1"),
            Map.of(
                1L, new Snapshot.Applied(1, Reply.ok("")),
                2L, new Snapshot.Applied(7, Reply.ok("1")))),
        kv.snapshot());
  }

  /**
   * Restore replaces the whole state: keys and clients absent from the snapshot are gone, and the
   * snapshot's duplicate table answers repeats.
   */
  @Test
  void restoreReplacesTheWholeState() {
    kv.apply(put(1, 1, "old", "x"));
    kv.apply(put(3, 5, "k", "mine"));
    Snapshot other =
        new Snapshot(Map.of("k", "theirs"), Map.of(2L, new Snapshot.Applied(4, Reply.ok("v"))));

    kv.restore(other);

    assertEquals(other, kv.snapshot(), "after restore, the state is the snapshot's");
    assertEquals("", kv.read("old"), "a key absent from the snapshot must be gone");
    assertEquals(Reply.ok("v"), kv.apply(get(2, 4, "k")), "the snapshot's dedup table answers");
    assertEquals(
        Reply.ok(""),
        kv.apply(put(1, 1, "k", "again")),
        "a client absent from the snapshot's dedup table is new again");
    assertEquals("again", kv.read("k"));
  }
}
