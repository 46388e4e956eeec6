package io.pdslab.grader.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper grants turns in alternation and never outlives the measurement. */
class TurnKeeperTest {
  @TempDir Path dir;

  @Test
  void anInterruptedKeeperStopsAndSaysWhy() throws Exception {
    TurnKeeper.Side a = new TurnKeeper.Side(dir.resolve("a"));
    TurnKeeper.Side b = new TurnKeeper.Side(dir.resolve("b"));
    b.over.set(true); // a's round needs not wait for b to settle
    TurnKeeper keeper = new TurnKeeper(a, b);
    Thread thread = new Thread(keeper, "turn-keeper");
    thread.start();
    Files.createFile(a.dir.resolve("0001.want"));
    // Once a's round runs, the keeper waits for 0001.done: interrupt it there.
    for (int i = 0; i < 500 && !Files.exists(a.dir.resolve("0001.go")); i++) {
      Thread.sleep(10);
    }
    assertTrue(Files.exists(a.dir.resolve("0001.go")), "a got its turn");
    thread.interrupt();
    // Before the fix it polled on, its sleep failing at once: a busy loop until stop().
    thread.join(5_000);
    boolean alive = thread.isAlive();
    keeper.stop();
    thread.join(5_000);
    assertFalse(alive, "the interrupted keeper went on polling");
    assertNotNull(keeper.failure(), "its rounds were not kept: the measurement must say so");
  }
}
