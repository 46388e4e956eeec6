package io.pdslab.labs.replication.given;

import io.pdslab.harness.lin.model.KvModel;
import java.io.Serializable;

/**
 * One client request: client {@code clientId}'s {@code seq}-th operation. A client retries a
 * request with the same {@code (clientId, seq)} until it gets an answer, so a replica may see it
 * several times and must execute it once. A client has at most one request outstanding, and its
 * seqs grow by one from 1.
 *
 * @param clientId who asks
 * @param seq the client's request number, from 1
 * @param kind get, put or append
 * @param key the key
 * @param value the value of a put or append; null for a get
 */
public record Command(long clientId, long seq, KvModel.Kind kind, String key, String value)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Whether the command changes the store. */
  public boolean isWrite() {
    return kind != KvModel.Kind.GET;
  }

  /** The operation, as the linearizability checker's model sees it. */
  public KvModel.Op op() {
    return new KvModel.Op(kind, key, value);
  }

  @Override
  public String toString() {
    return "c" + clientId + "#" + seq + " " + kind + " " + key + (value == null ? "" : "=" + value);
  }
}
