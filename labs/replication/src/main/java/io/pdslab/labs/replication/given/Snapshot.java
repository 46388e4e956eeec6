package io.pdslab.labs.replication.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replica's whole state: the data and the duplicate-detection table. Equal snapshots mean equal
 * replicas, so the tests compare them; {@link #writeTo} and {@link #readFrom} carry one through
 * JGroups' state transfer ({@code getState(OutputStream)} / {@code setState(InputStream)}).
 *
 * @param data every key's value (a key never written is absent)
 * @param lastApplied per client, the last request executed and its reply
 */
public record Snapshot(Map<String, String> data, Map<Long, Applied> lastApplied)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The last request of one client that a replica executed, and the reply it gave. */
  public record Applied(long seq, Reply reply) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Copies both maps into sorted, unmodifiable maps, so equal states give equal snapshots. */
  public Snapshot {
    data = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(data));
    lastApplied = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(lastApplied));
  }

  /** The empty state. */
  public static Snapshot empty() {
    return new Snapshot(Map.of(), Map.of());
  }

  /** Writes this snapshot to {@code out} (which is left open). */
  public void writeTo(OutputStream out) throws IOException {
    ObjectOutputStream o = new ObjectOutputStream(out);
    o.writeObject(this);
    o.flush();
  }

  /**
   * Reads a snapshot written by {@link #writeTo}. The bytes may come from another JVM over TCP
   * (cluster mode), so only the classes a snapshot is made of are deserialised: anything else fails
   * with an {@link java.io.InvalidClassException} before a constructor or method of it runs.
   */
  public static Snapshot readFrom(InputStream in) throws IOException {
    try {
      ObjectInputStream o = new ObjectInputStream(in);
      o.setObjectInputFilter(CONTENTS);
      return (Snapshot) o.readObject();
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException("not a snapshot", e);
    }
  }

  /** The classes a snapshot is made of, and nothing else. */
  private static final ObjectInputFilter CONTENTS =
      ObjectInputFilter.Config.createFilter(
          String.join(
              ";",
              Snapshot.class.getName(),
              Applied.class.getName(),
              Reply.class.getName(),
              Reply.Status.class.getName(),
              "java.util.Collections$UnmodifiableSortedMap",
              "java.util.Collections$UnmodifiableMap",
              "java.util.TreeMap",
              "java.lang.Long",
              "java.lang.Number",
              "java.lang.String",
              "java.lang.Enum",
              "maxdepth=16",
              "!*"));
}
