/**
 * JUnit 5 support: {@link io.pdslab.harness.junit.SimulationTest} runs a simulated test on several
 * seeds and reports failures with the seed, the replay command and the trace path.
 */
package io.pdslab.harness.junit;
