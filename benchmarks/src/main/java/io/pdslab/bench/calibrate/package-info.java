/**
 * {@code pdslab bench calibrate}: what this machine's cores can do at best, the limits that {@code
 * pdslab bench concurrent} divides its structures' throughput by. {@link
 * io.pdslab.bench.calibrate.HardwareLimits#cas} is an uncontended compare-and-set (the cost floor
 * of one lock-free operation on one thread); {@link
 * io.pdslab.bench.calibrate.HardwareLimits#handoff} is a cache line passed back and forth between
 * two threads (the ceiling of any structure whose every operation moves a contended line to another
 * core, a queue lock's hand-off above all).
 */
package io.pdslab.bench.calibrate;
