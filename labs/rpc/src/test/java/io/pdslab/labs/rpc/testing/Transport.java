package io.pdslab.labs.rpc.testing;

/** Which real channels carry the bytes. */
public enum Transport {
  /** In-VM {@code LocalChannel}s. */
  LOCAL,
  /** NIO sockets on 127.0.0.1. */
  NIO
}
