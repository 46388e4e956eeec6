package io.pdslab.labs.concurrent;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * A hand-written Lincheck scenario for a targeted check: the operations that provoke one kind of
 * bug, whose interleavings the model checker then explores exhaustively (within its budget). Random
 * scenarios find such a bug only if they happen to contain these operations. Operations are written
 * {@code "name(arg, ...)"} with integer arguments, e.g. {@code "add(1)"} or {@code "deq()"}.
 */
public final class Scenario {
  private final Class<?> spec;
  private final List<Actor> init = new ArrayList<>();
  private final List<List<Actor>> threads = new ArrayList<>();
  private final List<Actor> post = new ArrayList<>();

  private Scenario(Class<?> spec) {
    this.spec = spec;
  }

  /** A scenario over the {@link Operation}s of {@code spec}. */
  public static Scenario of(Class<?> spec) {
    return new Scenario(spec);
  }

  /** Operations run before the threads start. */
  public Scenario init(String... operations) {
    Arrays.stream(operations).map(this::actor).forEach(init::add);
    return this;
  }

  /** One more thread, running these operations in order. */
  public Scenario thread(String... operations) {
    threads.add(Arrays.stream(operations).map(this::actor).toList());
    return this;
  }

  /** Operations run after every thread has finished. */
  public Scenario post(String... operations) {
    Arrays.stream(operations).map(this::actor).forEach(post::add);
    return this;
  }

  /** The scenario in Lincheck's form. */
  public ExecutionScenario build() {
    return new ExecutionScenario(init, threads, post, null);
  }

  private Actor actor(String call) {
    int open = call.indexOf('(');
    if (open < 0 || !call.endsWith(")")) {
      throw new IllegalArgumentException("expected name(args): " + call);
    }
    String name = call.substring(0, open).trim();
    String inside = call.substring(open + 1, call.length() - 1).trim();
    List<Object> args =
        inside.isEmpty()
            ? List.of()
            : Arrays.stream(inside.split(","))
                .map(a -> (Object) Integer.valueOf(a.trim()))
                .toList();
    for (Method m : spec.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == args.size()
          && m.isAnnotationPresent(Operation.class)) {
        return new Actor(m, args, false, false, false, false, false);
      }
    }
    throw new IllegalArgumentException("no @Operation " + call + " in " + spec.getName());
  }
}
