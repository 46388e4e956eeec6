package io.pdslab.labs.raft.kv;

import io.pdslab.labs.raft.given.kv.KvMessage;

/**
 * What the key-value service puts in the Raft log: one client request. Yours to change; in cluster
 * mode log entries travel as JSON, and are serialized with Jackson, so keep it a record of plain
 * values.
 */
public record KvCommand(String clientId, long seq, KvMessage.Kind kind, String key, String value) {
  static KvCommand of(KvMessage.KvRequest r) {
    return new KvCommand(r.clientId(), r.seq(), r.kind(), r.key(), r.value());
  }
}
