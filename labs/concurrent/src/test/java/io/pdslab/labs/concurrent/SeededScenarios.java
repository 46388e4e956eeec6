package io.pdslab.labs.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.CTestStructure;
import org.jetbrains.kotlinx.lincheck.execution.ActorGenerator;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionGenerator;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CTestConfiguration;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Lincheck's scenario generator, seeded from the test's seed ({@link LincheckSettings#seed()}).
 * Lincheck 3.7's own generator draws from {@code Random(0)}, so every run would explore the same
 * scenarios and a bug missed once would be missed by every grading; with a seed per run, runs
 * explore different scenarios and a failing one replays from its seed. Lincheck instantiates this
 * class by reflection ({@code Options.executionGenerator}).
 */
public final class SeededScenarios extends ExecutionGenerator {
  private final Random random;

  /** Called by Lincheck; its {@code RandomProvider} is seeded with a constant and so not used. */
  public SeededScenarios(
      CTestConfiguration configuration, CTestStructure structure, RandomProvider ignored) {
    super(configuration, structure);
    this.random = new Random(LincheckSettings.seed() * 0x9E3779B97F4A7C15L + 1);
  }

  @Override
  public ExecutionScenario nextExecution() {
    List<ActorGenerator> operations = testStructure.actorGenerators;
    int threads = testConfiguration.getThreads();
    List<Actor> init = actors(operations, testConfiguration.getActorsBefore(), 0);
    List<List<Actor>> parallel = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      parallel.add(actors(operations, testConfiguration.getActorsPerThread(), t + 1));
    }
    List<Actor> post = actors(operations, testConfiguration.getActorsAfter(), threads + 1);
    return new ExecutionScenario(init, parallel, post, testStructure.validationFunction);
  }

  private List<Actor> actors(List<ActorGenerator> operations, int count, int threadId) {
    List<Actor> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(operations.get(random.nextInt(operations.size())).generate(threadId, random));
    }
    return out;
  }
}
