package io.pdslab.labs.replication.given;

import java.io.IOException;
import java.io.InputStream;
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

  /** Reads a snapshot written by {@link #writeTo}. */
  public static Snapshot readFrom(InputStream in) throws IOException {
    try {
      return (Snapshot) new ObjectInputStream(in).readObject();
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException("not a snapshot", e);
    }
  }
}
