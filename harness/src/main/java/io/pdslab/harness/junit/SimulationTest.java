package io.pdslab.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A simulated test, run once per seed, each invocation named {@code seed=N}. The method may take a
 * {@link io.pdslab.harness.sim.Simulation} (built from the invocation's seed) and a {@code long}
 * seed parameter.
 *
 * <p>Seeds: configuration parameter or system property {@code pdslab.seed=N} runs exactly seed N
 * (replay); otherwise {@link #seed()} if set; otherwise seeds 1..K with K from {@code pdslab.seeds}
 * (default 3). With {@code pdslab.traceDir=DIR} the trace is written to {@code DIR/trace.jsonl}
 * (one seed) or {@code DIR/<Class>#<method>-seed<N>.jsonl}; without it, a failing run's trace goes
 * to {@code target/pdslab-traces/}. A failure's message gains the seed, the replay command and the
 * trace path.
 *
 * <pre>{@code
 * @SimulationTest
 * void leaderElected(Simulation sim) {
 *   sim.nodes(3, MyServer::create);   // MyServer.create(NodeEnv<M>) returns a Behavior<M>
 *   sim.runUntil("a leader", () -> leaders(sim) == 1, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(SimulationExtension.class)
public @interface SimulationTest {

  /** Marks {@link #seed()} as unset. */
  long NO_SEED = Long.MIN_VALUE;

  /** A fixed seed for this test (still overridden by {@code pdslab.seed}). */
  long seed() default NO_SEED;
}
