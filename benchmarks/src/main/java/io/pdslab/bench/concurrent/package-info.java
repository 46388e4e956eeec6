/**
 * JMH benchmarks of the concurrent lab's reference structures against their JDK counterparts. Every
 * class has a {@code reference} and a {@code jdk} benchmark method, so {@code ./pdslab bench
 * concurrent --impl reference,jdk} selects implementations by method name; thread counts come from
 * the command line ({@code -t}).
 */
package io.pdslab.bench.concurrent;
