package io.pdslab.harness.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.lin.model.CounterModel;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import io.pdslab.harness.lin.model.SequenceModel;
import io.pdslab.harness.lin.model.SetModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests on generated histories: a sequential run of the model, stretched into overlapping
 * intervals around each operation's linearisation point, is linearizable by construction; the same
 * history with one result replaced by a value no run can produce is a violation, and the
 * explanation names that operation.
 */
class GeneratedHistoriesTest {

  private static final Duration BUDGET = Duration.ofSeconds(10);
  private static final int SEEDS = 12;

  /** A model, a random operation generator and a corruption of one output. */
  record Spec<S, I, O>(
      String name,
      Model<S, I, O> model,
      Function<Random, I> randomInput,
      BiFunction<S, I, O> output,
      Function<I, O> impossibleOutput,
      int spread) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> specs() {
    String[] keys = {"a", "b", "c"};
    return Stream.of(
        Arguments.of(
            new Spec<Optional<String>, RegisterModel.Op<String>, RegisterModel.Result<String>>(
                "cas-register",
                new RegisterModel<>(),
                r ->
                    switch (r.nextInt(3)) {
                      case 0 -> RegisterModel.Op.read();
                      case 1 -> RegisterModel.Op.write("v" + r.nextInt(3));
                      default -> RegisterModel.Op.cas("v" + r.nextInt(3), "v" + r.nextInt(3));
                    },
                (s, op) ->
                    switch (op.kind()) {
                      case READ -> RegisterModel.Result.read(s.orElse(null));
                      case WRITE -> RegisterModel.Result.success();
                      case CAS ->
                          s.orElse("").equals(op.expected())
                              ? RegisterModel.Result.success()
                              : RegisterModel.Result.failed();
                    },
                op ->
                    op.kind() == RegisterModel.Kind.READ
                        ? RegisterModel.Result.read("never")
                        : null,
                250)),
        Arguments.of(
            new Spec<String, KvModel.Op, String>(
                "kv",
                new KvModel(),
                r -> {
                  String key = keys[r.nextInt(keys.length)];
                  return switch (r.nextInt(3)) {
                    case 0 -> KvModel.Op.get(key);
                    case 1 -> KvModel.Op.put(key, "p" + r.nextInt(5));
                    default -> KvModel.Op.append(key, "x" + r.nextInt(5));
                  };
                },
                (s, op) -> op.kind() == KvModel.Kind.GET ? s : "",
                op -> op.kind() == KvModel.Kind.GET ? "never" : null,
                250)),
        Arguments.of(
            new Spec<Long, CounterModel.Op, Long>(
                "counter",
                new CounterModel(),
                r ->
                    r.nextBoolean()
                        ? CounterModel.Op.read()
                        : CounterModel.Op.add(1 + r.nextInt(3)),
                (s, op) -> op.reads() ? s : s + op.delta(),
                op -> -1L,
                250)),
        Arguments.of(
            new Spec<Boolean, SetModel.Op<Integer>, Boolean>(
                "set",
                new SetModel<>(),
                r -> new SetModel.Op<>(SetModel.Kind.values()[r.nextInt(3)], r.nextInt(4)),
                (present, op) ->
                    switch (op.kind()) {
                      case ADD -> !present;
                      case REMOVE, CONTAINS -> present;
                    },
                // element 99 is never added
                op -> null,
                250)),
        Arguments.of(sequenceSpec("queue", SequenceModel.queue(), true)),
        Arguments.of(sequenceSpec("stack", SequenceModel.stack(), false)));
  }

  private static Spec<List<Integer>, SequenceModel.Op<Integer>, Optional<Integer>> sequenceSpec(
      String name, SequenceModel<Integer> model, boolean fifo) {
    int[] counter = {0};
    return new Spec<>(
        name,
        model,
        r -> r.nextBoolean() ? SequenceModel.Op.add(counter[0]++) : SequenceModel.Op.remove(),
        (s, op) ->
            op.adds() || s.isEmpty()
                ? Optional.empty()
                : Optional.of(fifo ? s.get(0) : s.get(s.size() - 1)),
        op -> op.adds() ? null : Optional.of(-7),
        // Concurrent adds multiply queue states: a narrower overlap keeps the search small.
        120);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  <S, I, O> void sequentialRunsStretchedIntoIntervalsAreLinearizable(Spec<S, I, O> spec) {
    for (int seed = 1; seed <= SEEDS; seed++) {
      List<Operation<I, O>> history = generate(spec, new Random(seed), 60, 0);
      CheckResult<I, O> result = LinearizabilityChecker.check(spec.model(), history, BUDGET);
      assertEquals(Verdict.LINEARIZABLE, result.verdict(), () -> "seed " + result.toText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  <S, I, O> void pendingOperationsMayTakeEffectOrNot(Spec<S, I, O> spec) {
    for (int seed = 1; seed <= SEEDS; seed++) {
      List<Operation<I, O>> history = generate(spec, new Random(seed), 60, 0.2);
      assertTrue(history.stream().anyMatch(Operation::isPending));
      CheckResult<I, O> result = LinearizabilityChecker.check(spec.model(), history, BUDGET);
      assertEquals(Verdict.LINEARIZABLE, result.verdict(), result::toText);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  <S, I, O> void oneImpossibleResultIsAViolation(Spec<S, I, O> spec) {
    int corrupted = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed);
      List<Operation<I, O>> history = generate(spec, random, 60, 0);
      List<Integer> corruptible = new ArrayList<>();
      for (int i = 0; i < history.size(); i++) {
        Operation<I, O> op = history.get(i);
        if (!op.isPending() && impossible(spec, op.input()) != null) {
          corruptible.add(i);
        }
      }
      if (corruptible.isEmpty()) {
        continue;
      }
      int victim = corruptible.get(random.nextInt(corruptible.size()));
      Operation<I, O> op = history.get(victim);
      Operation<I, O> bad =
          new Operation<>(
              op.client(),
              op.input(),
              impossible(spec, op.input()),
              op.callTime(),
              op.returnTime());
      history.set(victim, bad);
      CheckResult<I, O> result = LinearizabilityChecker.check(spec.model(), history, BUDGET);
      assertEquals(Verdict.VIOLATION, result.verdict(), "seed " + seed);
      Explanation<I, O> why = result.explanation().orElseThrow();
      int inPartition = why.operations().indexOf(bad);
      assertTrue(inPartition >= 0, "the failing partition holds the corrupted operation");
      assertTrue(
          why.candidates().stream().anyMatch(c -> c.op() == inPartition)
              || why.deadline() == inPartition,
          () -> "explanation points at the corrupted operation:\n" + why.toText());
      assertTrue(!why.linearized().contains(inPartition));
      corrupted++;
    }
    assertTrue(corrupted >= SEEDS / 2, "enough corrupted histories: " + corrupted);
  }

  private static <S, I, O> O impossible(Spec<S, I, O> spec, I input) {
    if (input instanceof SetModel.Op<?> op && op.kind() != SetModel.Kind.ADD) {
      // Never-added elements are absent, so answering "present" is impossible for them only.
      @SuppressWarnings("unchecked")
      O yes = (O) Boolean.TRUE;
      return op.element().equals(99) ? yes : null;
    }
    return spec.impossibleOutput().apply(input);
  }

  /**
   * Runs {@code length} random operations sequentially (linearisation point of op k at time 100k)
   * and gives each an interval of up to {@code spec.spread()} either side of its point, so many
   * overlap. With probability {@code pendingRate} an operation never returns.
   */
  static <S, I, O> List<Operation<I, O>> generate(
      Spec<S, I, O> spec, Random random, int length, double pendingRate) {
    List<Operation<I, O>> history = new ArrayList<>();
    // One state per partition: partitioned models (kv, set) describe one key or element.
    Map<Object, S> states = new HashMap<>();
    for (int k = 0; k < length; k++) {
      I input = spec.randomInput().apply(random);
      if (input instanceof SetModel.Op<?> op && random.nextInt(8) == 0) {
        @SuppressWarnings("unchecked")
        I probe = (I) new SetModel.Op<>(SetModel.Kind.CONTAINS, 99);
        input = probe;
      }
      Object partition = spec.model().partition(input);
      S state = states.computeIfAbsent(partition, p -> spec.model().init());
      O output = spec.output().apply(state, input);
      S next = spec.model().step(state, input, output);
      assertTrue(next != null, "the generator follows the model");
      long point = 100L * (k + 1);
      long call = point - random.nextInt(spec.spread());
      long ret = point + random.nextInt(spec.spread());
      if (random.nextDouble() < pendingRate) {
        history.add(Operation.pending(random.nextInt(5), input, call));
      } else {
        history.add(Operation.of(random.nextInt(5), input, output, call, ret));
      }
      states.put(partition, next);
    }
    return history;
  }
}
