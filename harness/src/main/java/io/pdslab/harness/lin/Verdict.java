package io.pdslab.harness.lin;

/** The outcome of a linearizability check. */
public enum Verdict {
  /** Some order of the operations respects real time and the model. */
  LINEARIZABLE,
  /** No such order exists; the result carries an {@link Explanation}. */
  VIOLATION,
  /** The time or memory budget ran out before the search could decide. */
  UNKNOWN
}
