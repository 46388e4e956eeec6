package io.pdslab.harness.lin.gen;

import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Large, realistic histories whose verdict is known by construction, for tests and benchmarks.
 *
 * <p>Clients issue operations back to back, each taking a random time; every operation takes effect
 * at a random instant inside its interval, and outputs are what the model gives when the operations
 * are applied in the order of those instants. So a generated history is linearizable, with as much
 * overlap as that many clients produce. A client may crash with an operation in flight (it stays
 * pending and took effect or not), after which a fresh client id goes on, as in Jepsen.
 *
 * <p>A corrupted history is the same history with one completed read's output replaced by a value
 * that was never written: no order explains it, so it is a violation, and the checker must rule out
 * every order of the operations before it to say so.
 *
 * <p>The same settings and seed give the same history, on every JDK.
 */
public final class HistoryGenerator {

  /** The value a corrupted read returns: no write or append ever writes it. */
  public static final String NEVER_WRITTEN = "<never written>";

  /**
   * What to generate.
   *
   * @param clients clients running at once
   * @param operations operations in the history
   * @param keys keys of the kv map (ignored for the register)
   * @param pendingRate probability that an operation is left pending (its client crashed)
   * @param corrupt whether to plant a violation
   * @param seed the random seed
   */
  public record Settings(
      int clients, int operations, int keys, double pendingRate, boolean corrupt, long seed) {

    /** Checks the ranges. */
    public Settings {
      if (clients < 1 || operations < 1 || keys < 1) {
        throw new IllegalArgumentException("clients, operations and keys must be positive");
      }
      if (!(pendingRate >= 0 && pendingRate < 1)) {
        throw new IllegalArgumentException("pendingRate must be in [0, 1)");
      }
    }

    /** The same settings with a violation planted, or not. */
    public Settings corrupted(boolean corrupted) {
      return new Settings(clients, operations, keys, pendingRate, corrupted, seed);
    }

    /** The same settings with another seed. */
    public Settings withSeed(long otherSeed) {
      return new Settings(clients, operations, keys, pendingRate, corrupt, otherSeed);
    }
  }

  private HistoryGenerator() {}

  /**
   * A {@link KvModel} history: gets, puts and appends (unique values, as Jepsen's) on {@code keys}
   * keys.
   */
  public static List<Operation<KvModel.Op, String>> kv(Settings settings) {
    KvModel model = new KvModel();
    return generate(
        settings,
        (random, client, n) -> {
          String key = Integer.toString(random.nextInt(settings.keys()));
          int dice = random.nextInt(20);
          String value = "x " + client + " " + n + " y";
          return dice < 9
              ? KvModel.Op.get(key)
              : dice < 10 ? KvModel.Op.put(key, value) : KvModel.Op.append(key, value);
        },
        KvModel.Op::key,
        "",
        (state, op) -> model.step(state, op, null),
        (state, op) -> op.kind() == KvModel.Kind.GET ? state : "",
        op -> op.kind() == KvModel.Kind.GET ? NEVER_WRITTEN : null);
  }

  /** A {@link RegisterModel} history of reads, writes and compare-and-sets on a few values. */
  public static List<Operation<RegisterModel.Op<String>, RegisterModel.Result<String>>> register(
      Settings settings) {
    RegisterModel<String> model = new RegisterModel<>();
    return generate(
        settings,
        (random, client, n) -> {
          String value = Integer.toString(random.nextInt(5));
          return switch (random.nextInt(3)) {
            case 0 -> RegisterModel.Op.<String>read();
            case 1 -> RegisterModel.Op.write(value);
            default -> RegisterModel.Op.cas(Integer.toString(random.nextInt(5)), value);
          };
        },
        op -> "register",
        model.init(),
        (state, op) -> model.step(state, op, null),
        (state, op) ->
            switch (op.kind()) {
              case READ -> RegisterModel.Result.read(state.orElse(null));
              case WRITE -> RegisterModel.Result.success();
              case CAS ->
                  Objects.equals(state.orElse(null), op.expected())
                      ? RegisterModel.Result.success()
                      : RegisterModel.Result.failed();
            },
        op ->
            op.kind() == RegisterModel.Kind.READ ? RegisterModel.Result.read(NEVER_WRITTEN) : null);
  }

  /** Draws the next input of a client: {@code n} counts that client's operations. */
  private interface Inputs<I> {
    I next(SplittableRandom random, int client, int n);
  }

  private interface Step<S, I> {
    S apply(S state, I input);
  }

  private interface Output<S, I, O> {
    O of(S state, I input);
  }

  private interface Impossible<I, O> {
    /** An output no state gives for {@code input}, or null if there is none. */
    O of(I input);
  }

  /** An operation being generated: its interval, the instant it takes effect, and whether. */
  private static final class Draft<I, O> {
    final int client;
    final I input;
    final long call;
    final long ret;
    final long point;
    final boolean pending;
    final boolean takesEffect;
    O output;

    Draft(int client, I input, long call, long ret, long point, boolean pending, boolean effect) {
      this.client = client;
      this.input = input;
      this.call = call;
      this.ret = ret;
      this.point = point;
      this.pending = pending;
      this.takesEffect = effect;
    }
  }

  private static <S, I, O> List<Operation<I, O>> generate(
      Settings settings,
      Inputs<I> inputs,
      java.util.function.Function<I, Object> partition,
      S initial,
      Step<S, I> step,
      Output<S, I, O> output,
      Impossible<I, O> impossible) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    // Each client slot runs one client at a time; a crash hands the slot to a fresh client id.
    int[] clientOfSlot = new int[settings.clients()];
    int[] opsOfSlot = new int[settings.clients()];
    long[] freeAt = new long[settings.clients()];
    for (int s = 0; s < clientOfSlot.length; s++) {
      clientOfSlot[s] = s;
      freeAt[s] = random.nextInt(100);
    }
    int nextClient = settings.clients();
    List<Draft<I, O>> drafts = new ArrayList<>(settings.operations());
    while (drafts.size() < settings.operations()) {
      int slot = 0;
      for (int s = 1; s < freeAt.length; s++) {
        if (freeAt[s] < freeAt[slot]) {
          slot = s;
        }
      }
      // Think time up to 40, operations up to 30 long: with 50 clients about 20 run at once.
      long call = freeAt[slot] + random.nextInt(40);
      long ret = call + 1 + random.nextInt(30);
      long point = call + random.nextLong(ret - call + 1);
      I input = inputs.next(random, clientOfSlot[slot], opsOfSlot[slot]++);
      boolean pending = random.nextDouble() < settings.pendingRate();
      drafts.add(
          new Draft<>(
              clientOfSlot[slot],
              input,
              call,
              ret,
              point,
              pending,
              !pending || random.nextBoolean()));
      freeAt[slot] = ret;
      if (pending) {
        clientOfSlot[slot] = nextClient++;
        opsOfSlot[slot] = 0;
      }
    }
    // Apply the operations in the order they take effect; ties keep generation order.
    List<Draft<I, O>> byPoint = new ArrayList<>(drafts);
    byPoint.sort(Comparator.comparingLong(d -> d.point));
    Map<Object, S> states = new HashMap<>();
    for (Draft<I, O> d : byPoint) {
      if (!d.takesEffect) {
        continue;
      }
      Object key = partition.apply(d.input);
      S state = states.getOrDefault(key, initial);
      d.output = output.of(state, d.input);
      states.put(key, step.apply(state, d.input));
    }
    if (settings.corrupt()) {
      corrupt(drafts, random, impossible);
    }
    List<Operation<I, O>> history = new ArrayList<>(drafts.size());
    for (Draft<I, O> d : drafts) {
      history.add(
          d.pending
              ? Operation.pending(d.client, d.input, d.call)
              : Operation.of(d.client, d.input, d.output, d.call, d.ret));
    }
    return history;
  }

  /** Replaces the output of one completed operation, in the second half, by an impossible one. */
  private static <I, O> void corrupt(
      List<Draft<I, O>> drafts, SplittableRandom random, Impossible<I, O> impossible) {
    List<Draft<I, O>> candidates = new ArrayList<>();
    for (Draft<I, O> d : drafts.subList(drafts.size() / 2, drafts.size())) {
      if (!d.pending && impossible.of(d.input) != null) {
        candidates.add(d);
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no read to corrupt: generate more operations");
    }
    Draft<I, O> victim = candidates.get(random.nextInt(candidates.size()));
    victim.output = impossible.of(victim.input);
  }
}
