package io.pdslab.harness.lin;

import java.util.List;

/**
 * Why a history is not linearizable, in terms a student can act on: the longest prefix of
 * operations that does linearise, the model state after it, and the operations that could come next
 * in real time yet cannot be placed there.
 *
 * @param partition the partition key of the failing part of the history ({@code null} if the model
 *     does not partition)
 * @param operations every operation of that partition, in call order
 * @param descriptions {@link Model#describeOperation} of each operation, same indexes
 * @param linearized the longest linearisable prefix found, as indexes into {@code operations}
 * @param state {@link Model#describeState} of the state after that prefix
 * @param candidates the operations that real time allows next, each with why it does not fit
 * @param deadline index of the earliest-returning operation not in the prefix: one of the
 *     candidates had to take effect before it returned
 */
public record Explanation<I, O>(
    Object partition,
    List<Operation<I, O>> operations,
    List<String> descriptions,
    List<Integer> linearized,
    String state,
    List<Candidate> candidates,
    int deadline) {

  /** How many prefix operations {@link #toText()} lists before eliding the older ones. */
  private static final int SHOWN_PREFIX = 12;

  /**
   * An operation that real time allows next but that cannot be placed there.
   *
   * @param op index into {@code operations}
   * @param legalHere whether the model accepts it in the state after the prefix (then the dead end
   *     comes later)
   */
  public record Candidate(int op, boolean legalHere) {}

  /** A multi-line text for test failures and the CLI. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("not linearizable");
    if (partition != null) {
      out.append(" (partition ").append(partition).append(')');
    }
    out.append(": ").append(operations.size()).append(" operations\n");
    out.append("longest linearizable prefix: ")
        .append(linearized.size())
        .append(" operations, in this order:\n");
    int skip = Math.max(0, linearized.size() - SHOWN_PREFIX);
    if (skip > 0) {
      out.append("  ... ").append(skip).append(" earlier operations\n");
    }
    for (int k = skip; k < linearized.size(); k++) {
      out.append(String.format("  %3d. ", k + 1)).append(line(linearized.get(k))).append('\n');
    }
    out.append("state after it: ").append(state).append('\n');
    out.append("none of these can take effect next:\n");
    for (Candidate c : candidates) {
      out.append("       ")
          .append(line(c.op()))
          .append(
              c.legalHere()
                  ? "\n         fits this state, but every order that continues from there fails"
                      + " later\n"
                  : "\n         impossible in this state\n");
    }
    if (deadline >= 0) {
      out.append("(real time forces one of them next: they are the operations called before ")
          .append(line(deadline))
          .append(" returned)\n");
    }
    return out.toString();
  }

  /** One operation: client, interval and description. */
  String line(int op) {
    Operation<I, O> o = operations.get(op);
    return "client "
        + o.client()
        + " ["
        + o.callTime()
        + ".."
        + (o.isPending() ? "never returned" : String.valueOf(o.returnTime()))
        + "] "
        + descriptions.get(op);
  }
}
