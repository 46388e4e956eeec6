package io.pdslab.labs.concurrent.skiplist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.perf.Workers;
import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Grader-only skip-list tests: more threads, string keys, add/remove races on one key. */
class HiddenSkipListTest {
  static Stream<Arguments> lists() {
    Supplier<ConcurrentSet<String>> lazy = LazySkipList::new;
    Supplier<ConcurrentSet<String>> lockFree = LockFreeSkipList::new;
    return Stream.of(Arguments.of("lazy", lazy), Arguments.of("lock-free", lockFree));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void eightThreadChurn(String name, Supplier<ConcurrentSet<String>> factory) {
    ConcurrentSet<Integer> ints =
        name.equals("lazy") ? new LazySkipList<>() : new LockFreeSkipList<>();
    Churn.setChurn(name + "-8", ints, 8, 2_000);
  }

  /** Every thread toggles the same few keys; at the end, each key's presence is consistent. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void stringKeysToggledByEveryone(String name, Supplier<ConcurrentSet<String>> factory) {
    ConcurrentSet<String> set = factory.get();
    Workers.run(
        name + "-toggle",
        4,
        Duration.ofSeconds(60),
        i -> {
          for (int n = 0; n < 20_000; n++) {
            String key = "k" + (n % 5);
            if (set.add(key)) {
              set.remove(key);
            }
          }
        });
    for (int k = 0; k < 5; k++) {
      assertFalse(set.contains("k" + k), "k" + k + " should be gone");
    }
    assertTrue(set.add("k0"));
    assertTrue(set.contains("k0"));
    assertEquals(true, set.remove("k0"));
  }
}
