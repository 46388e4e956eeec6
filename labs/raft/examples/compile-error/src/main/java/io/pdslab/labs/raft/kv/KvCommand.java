package io.pdslab.labs.raft.kv;

import io.pdslab.labs.raft.given.kv.KvMessage;

/**
 * What the key-value service puts in the Raft log. This submission added a component without
 * updating {@link #of}, so it does not compile.
 *
 * @param term the term the server believed it was in
 */
public record KvCommand(
    String clientId, long seq, KvMessage.Kind kind, String key, String value, int term) {
  static KvCommand of(KvMessage.KvRequest r) {
    return new KvCommand(r.clientId(), r.seq(), r.kind(), r.key(), r.value());
  }
}
