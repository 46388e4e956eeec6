package io.pdslab.harness.lin.format;

import io.pdslab.harness.lin.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs invoke and completion events by process, as the Jepsen formats record them, and builds the
 * operations. Times are event numbers (the order of the lines).
 */
final class OperationBuilder<I, O> {

  private final String source;
  private final List<Open<I, O>> all = new ArrayList<>();
  private final Map<Integer, Open<I, O>> openByProcess = new HashMap<>();
  private long clock;

  private static final class Open<I, O> {
    final int process;
    final I input;
    final String f;
    final long call;
    O output;
    long ret = Operation.PENDING;
    boolean failed;

    Open(int process, I input, String f, long call) {
      this.process = process;
      this.input = input;
      this.f = f;
      this.call = call;
    }
  }

  OperationBuilder(String source) {
    this.source = source;
  }

  void invoke(int line, int process, String f, I input) {
    if (openByProcess.containsKey(process)) {
      throw new MalformedHistoryException(
          source,
          line,
          "process " + process + " invokes again before its previous operation ended");
    }
    Open<I, O> op = new Open<>(process, input, f, clock++);
    openByProcess.put(process, op);
    all.add(op);
  }

  /** The input of the process's open operation, checking that {@code f} matches. */
  I openInput(int line, int process, String f) {
    Open<I, O> op = openByProcess.get(process);
    if (op == null) {
      throw new MalformedHistoryException(
          source, line, "completion for process " + process + " which has no open operation");
    }
    if (!op.f.equals(f)) {
      throw new MalformedHistoryException(
          source, line, "completes " + f + " but process " + process + " invoked " + op.f);
    }
    return op.input;
  }

  /** The operation returned {@code output}. */
  void ok(int line, int process, String f, O output) {
    openInput(line, process, f);
    Open<I, O> op = openByProcess.remove(process);
    op.output = output;
    op.ret = clock++;
  }

  /** The operation certainly did not take effect: it is left out of the history. */
  void failed(int line, int process, String f) {
    openInput(line, process, f);
    openByProcess.remove(process).failed = true;
  }

  /** The outcome is unknown: the operation stays pending, and the process may invoke again. */
  void unknown(int line, int process, String f) {
    openInput(line, process, f);
    openByProcess.remove(process);
    clock++;
  }

  List<Operation<I, O>> build() {
    List<Operation<I, O>> ops = new ArrayList<>(all.size());
    for (Open<I, O> op : all) {
      if (!op.failed) {
        ops.add(new Operation<>(op.process, op.input, op.output, op.call, op.ret));
      }
    }
    return ops;
  }
}
