package io.pdslab.harness.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RedirectedCopyTest {

  /** Calls the hooks saw, in order. */
  static final List<String> CALLS = new ArrayList<>();

  /** The class to copy: it calls final methods of AtomicBoolean. */
  public static final class Flagger implements BooleanSupplier {
    private final AtomicBoolean flag = new AtomicBoolean();

    @Override
    public boolean getAsBoolean() {
      return !flag.get() && !flag.getAndSet(true);
    }
  }

  /** Hooks for get and getAndSet; compareAndSet is not hooked. */
  public static final class FlagHooks {
    public static boolean get(AtomicBoolean flag) {
      CALLS.add("get");
      return flag.get();
    }

    public static boolean getAndSet(AtomicBoolean flag, boolean value) {
      CALLS.add("getAndSet " + value);
      return flag.getAndSet(value);
    }
  }

  @Test
  void callsToTheOwnerGoToTheHooksInTheCopyOnly() throws Exception {
    CALLS.clear();
    Class<?> copy = RedirectedCopy.of(Flagger.class, Map.of(AtomicBoolean.class, FlagHooks.class));
    assertNotSame(Flagger.class, copy, "a class of its own");
    assertEquals(Flagger.class.getName(), copy.getName());
    BooleanSupplier copied = (BooleanSupplier) copy.getDeclaredConstructor().newInstance();
    assertEquals(true, copied.getAsBoolean(), "the copy still works: the flag was free");
    assertEquals(false, copied.getAsBoolean(), "and is now taken");
    assertEquals(List.of("get", "getAndSet true", "get"), CALLS, "every call, in order");
    new Flagger().getAsBoolean();
    assertEquals(3, CALLS.size(), "the original class is untouched");
  }

  /** A class whose nested class has package-private members and whose calls go to an interface. */
  public static final class Guarded implements BooleanSupplier {
    private final Cell cell = new Cell();

    static final class Cell {
      final Lock lock = new ReentrantLock();
      int uses;
    }

    @Override
    public boolean getAsBoolean() {
      cell.lock.lock();
      try {
        return cell.uses++ == 0;
      } finally {
        cell.lock.unlock();
      }
    }
  }

  /** A hook for an interface method. */
  public static final class LockHooks {
    public static void lock(Lock lock) {
      CALLS.add("lock");
      lock.lock();
    }
  }

  @Test
  void nestedClassesAreCopiedWithTheTargetAndInterfaceCallsAreRedirected() throws Exception {
    CALLS.clear();
    Class<?> copy = RedirectedCopy.of(Guarded.class, Map.of(Lock.class, LockHooks.class));
    BooleanSupplier copied = (BooleanSupplier) copy.getDeclaredConstructor().newInstance();
    assertEquals(true, copied.getAsBoolean(), "the copy reaches its nested class's members");
    assertEquals(false, copied.getAsBoolean());
    assertEquals(List.of("lock", "lock"), CALLS, "each call through the interface, hooked");
    Class<?> cell = copy.getDeclaredField("cell").getType();
    assertEquals(copy.getClassLoader(), cell.getClassLoader(), "the nested class is copied too");
  }

  @Test
  void aCopyWithNothingToRedirectIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RedirectedCopy.of(Flagger.class, Map.of(AtomicInteger.class, FlagHooks.class)));
  }
}
