package io.pdslab.labs.concurrent.skiplist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.labs.concurrent.Churn;
import io.pdslab.labs.concurrent.given.ConcurrentSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Targeted tests of both skip lists: set semantics and churn. */
class SkipListTest {
  static Stream<Arguments> lists() {
    Supplier<ConcurrentSet<Integer>> lazy = LazySkipList::new;
    Supplier<ConcurrentSet<Integer>> lockFree = LockFreeSkipList::new;
    return Stream.of(Arguments.of("lazy", lazy), Arguments.of("lock-free", lockFree));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void sequentialSetSemantics(String name, Supplier<ConcurrentSet<Integer>> factory) {
    ConcurrentSet<Integer> set = factory.get();
    for (int i = 999; i >= 0; i--) {
      assertTrue(set.add(i * 7 % 1000));
    }
    assertFalse(set.add(5));
    for (int i = 0; i < 1000; i += 3) {
      assertTrue(set.remove(i));
      assertFalse(set.remove(i));
    }
    for (int i = -5; i < 1005; i++) {
      assertEquals(i >= 0 && i < 1000 && i % 3 != 0, set.contains(i), name + " key " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void churn(String name, Supplier<ConcurrentSet<Integer>> factory) {
    Churn.setChurn(name, factory.get(), 4, 5_000);
  }
}
