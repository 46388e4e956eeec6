package io.pdslab.labs.raft.given.kv;

import io.pdslab.labs.raft.given.Message;

/** Messages between key-value clients and servers, plus the client's own timer ticks. */
public sealed interface KvMessage extends Message {

  /** Operation kinds. */
  enum Kind {
    GET,
    PUT,
    APPEND
  }

  /**
   * A client's request; {@code (clientId, seq)} identifies it across retries.
   *
   * @param value unused by {@link Kind#GET}
   */
  record KvRequest(String clientId, long seq, Kind kind, String key, String value)
      implements KvMessage {}

  /**
   * A server's answer. {@code err} is {@link #OK} or {@link #WRONG_LEADER}; {@code value} is what a
   * get read ("" for a missing key, and for put and append).
   */
  record KvReply(String clientId, long seq, String err, String value, String from)
      implements KvMessage {}

  /** Client timer: start the next operation. */
  record NextOp() implements KvMessage {}

  /** Client timer: no answer in time, try another server. */
  record RetryTick() implements KvMessage {}

  /** The request was executed. */
  String OK = "OK";

  /** This server is not the leader (or lost leadership): ask another one. */
  String WRONG_LEADER = "WRONG_LEADER";
}
