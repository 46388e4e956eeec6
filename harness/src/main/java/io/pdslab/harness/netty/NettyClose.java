package io.pdslab.harness.netty;

/** Tells the peer that the sender closed its side of their connection (a TCP FIN, in effect). */
public record NettyClose(String reason) {}
