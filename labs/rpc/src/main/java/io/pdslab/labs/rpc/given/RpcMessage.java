package io.pdslab.labs.rpc.given;

import java.util.Objects;

/** What client and server exchange; {@link Wire} gives the byte layout. */
public sealed interface RpcMessage {

  /** The client's id. */
  long clientId();

  /** The call's sequence number, unique per client (retries of a call reuse it). */
  long seq();

  /**
   * A call.
   *
   * @param clientId the calling client
   * @param seq the call's number: 1, 2, 3, ... per client; retries reuse it
   * @param ack every call of this client numbered {@code <= ack} is finished (its reply was seen or
   *     the client gave up on it): the server may forget their replies. 0 when none is.
   * @param op the operation
   */
  record Request(long clientId, long seq, long ack, Op op) implements RpcMessage {
    public Request {
      Objects.requireNonNull(op, "op");
    }
  }

  /**
   * The result of a call.
   *
   * @param clientId the calling client
   * @param seq the call's number
   * @param value what a get read; {@code ""} for put and append
   */
  record Reply(long clientId, long seq, String value) implements RpcMessage {
    public Reply {
      Objects.requireNonNull(value, "value");
    }
  }
}
