package io.pdslab.labs.raft.kv;

/** What the key-value service puts in the Raft log: one client request. */
public record KvCommand(String clientId, long seq, KvMessage.Kind kind, String key, String value) {
  static KvCommand of(KvMessage.KvRequest r) {
    return new KvCommand(r.clientId(), r.seq(), r.kind(), r.key(), r.value());
  }
}
