package io.pdslab.harness.lin;

import java.time.Duration;
import java.util.Optional;

/**
 * The result of {@link LinearizabilityChecker#check}.
 *
 * @param verdict linearizable, violation or unknown
 * @param explanation present exactly when the verdict is {@link Verdict#VIOLATION}
 * @param operations how many operations the history had
 * @param elapsed how long the check took
 * @param reason for {@link Verdict#UNKNOWN}, which budget ran out; otherwise empty
 */
public record CheckResult<I, O>(
    Verdict verdict,
    Optional<Explanation<I, O>> explanation,
    int operations,
    Duration elapsed,
    String reason) {

  /** Whether the verdict is {@link Verdict#LINEARIZABLE}. */
  public boolean isLinearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }

  /** A one-paragraph summary, with the explanation text for a violation. */
  public String toText() {
    return switch (verdict) {
      case LINEARIZABLE -> "linearizable (" + operations + " operations)";
      case UNKNOWN -> "unknown: " + reason + " (" + operations + " operations)";
      case VIOLATION -> explanation.map(Explanation::toText).orElse("violation");
    };
  }
}
