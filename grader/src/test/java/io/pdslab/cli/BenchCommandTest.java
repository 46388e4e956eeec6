package io.pdslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void badInputIsAUsageError() {
    assertEquals(Pdslab.USAGE, Pdslab.run("bench", "concurrent", "--threads", "0"));
    assertEquals(Pdslab.USAGE, Pdslab.run("bench", "Bad.Suite"));
    assertEquals(Pdslab.USAGE, Pdslab.run("bench", "concurrent", "--settings", "medium"));
    assertEquals(Pdslab.USAGE, Pdslab.run("bench", "concurrent", "--impl", "a.b"));
  }

  @Test
  void implSelectsBenchmarkMethodsOfTheSuite() {
    BenchCommand c = new BenchCommand();
    c.suite = "concurrent";
    c.impls = List.of("reference", "jdk");
    Pattern p = Pattern.compile(c.includeRegex());
    assertTrue(p.matcher("io.pdslab.bench.concurrent.QueueBench.jdk").find());
    assertTrue(p.matcher("io.pdslab.bench.concurrent.LockBench.reference").find());
    assertFalse(p.matcher("io.pdslab.bench.concurrent.QueueBench.other").find());
    assertFalse(p.matcher("io.pdslab.bench.lin.CheckerBench.jdk").find());
  }
}
