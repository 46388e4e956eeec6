/**
 * Benchmarks of the rpc lab's reference. {@link io.pdslab.bench.rpc.CodecBench} (JMH): nanoseconds
 * and, with {@code -prof gc}, bytes allocated per frame encoded and decoded. {@link
 * io.pdslab.bench.rpc.Latency} (a main, not JMH): an open-loop load generator that reports latency
 * percentiles against offered load over in-VM and NIO channels, each as a multiple of a ping-pong
 * round trip on the same transport. {@code ./pdslab bench rpc} runs both.
 */
package io.pdslab.bench.rpc;
