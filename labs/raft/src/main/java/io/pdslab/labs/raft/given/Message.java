package io.pdslab.labs.raft.given;

/**
 * Marker for every message a Raft node (or the key-value service on top of it) sends or receives.
 *
 * <p>In a real cluster the Pekko Jackson CBOR serializer is bound to this interface, so every
 * message must be a plain record of serializable values.
 */
public interface Message {}
