package io.pdslab.bench.lin;

import io.pdslab.harness.lin.CheckResult;
import io.pdslab.harness.lin.LinearizabilityChecker;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.format.EdnKvFormat;
import io.pdslab.harness.lin.format.EtcdLogFormat;
import io.pdslab.harness.lin.gen.HistoryGenerator;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The linearizability checker on the Jepsen reference histories (the same files Porcupine is
 * compared on): parsing alone, and parsing plus checking; and on large generated kv and register
 * histories ({@link HistoryGenerator}, seeded), linearizable or with a planted violation ({@code -p
 * corrupt=true,false}). The folder is {@code -p dir=...}, by default {@code
 * ../shared/data/histories} relative to the working directory.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LinearizabilityBench -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinearizabilityBench {

  private static final Duration BUDGET = Duration.ofSeconds(60);

  @Param("../shared/data/histories")
  public String dir;

  /** Whether the generated histories hold a planted violation. */
  @Param({"false", "true"})
  public boolean corrupt;

  private List<String[]> etcd;
  private List<String[]> kv;
  private List<Operation<KvModel.Op, String>> largeKv;
  private List<Operation<RegisterModel.Op<String>, RegisterModel.Result<String>>> largeRegister;

  @Setup
  public void load() {
    largeKv = HistoryGenerator.kv(new HistoryGenerator.Settings(50, 2000, 10, 0, corrupt, 1));
    largeRegister =
        HistoryGenerator.register(new HistoryGenerator.Settings(8, 400, 1, 0.05, corrupt, 1));
    if (Files.isDirectory(Path.of(dir))) {
      etcd = read(Path.of(dir, "etcd"), "*.log");
      kv = read(Path.of(dir, "kv"), "*.txt");
    }
  }

  /** A generated 50-client, 10-key, 2000-operation kv history. */
  @Benchmark
  public Object checkLargeKv() {
    return LinearizabilityChecker.check(new KvModel(), largeKv, BUDGET).verdict();
  }

  /** A generated 8-client register history of 400 operations, some pending. */
  @Benchmark
  public Object checkLargeRegister() {
    return LinearizabilityChecker.check(new RegisterModel<>(), largeRegister, BUDGET).verdict();
  }

  private List<String[]> reference(List<String[]> files) {
    if (files == null) {
      throw new IllegalStateException(
          "no histories at " + Path.of(dir).toAbsolutePath() + " (-p dir=)");
    }
    return files;
  }

  private static List<String[]> read(Path folder, String glob) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("no histories at " + folder.toAbsolutePath() + " (-p dir=)");
    }
    List<String[]> files = new ArrayList<>();
    try (DirectoryStream<Path> paths = Files.newDirectoryStream(folder, glob)) {
      for (Path p : paths) {
        files.add(new String[] {p.toString(), Files.readString(p, StandardCharsets.UTF_8)});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort((a, b) -> a[0].compareTo(b[0]));
    return files;
  }

  /** Parsing the 60 etcd logs only. */
  @Benchmark
  public void parseEtcd(Blackhole bh) {
    for (String[] f : reference(etcd)) {
      bh.consume(EtcdLogFormat.parse(f[0], f[1]));
    }
  }

  /** Parsing and checking the 60 etcd logs (cas-register model). */
  @Benchmark
  public void checkEtcd(Blackhole bh) {
    RegisterModel<String> model = new RegisterModel<>();
    for (String[] f : reference(etcd)) {
      List<Operation<RegisterModel.Op<String>, RegisterModel.Result<String>>> ops =
          EtcdLogFormat.parse(f[0], f[1]);
      CheckResult<?, ?> r = LinearizabilityChecker.check(model, ops, BUDGET);
      bh.consume(r.verdict());
    }
  }

  /** Parsing and checking the 4 EDN key-value logs (kv model, partitioned by key). */
  @Benchmark
  public void checkKv(Blackhole bh) {
    KvModel model = new KvModel();
    for (String[] f : reference(kv)) {
      CheckResult<?, ?> r =
          LinearizabilityChecker.check(model, EdnKvFormat.parse(f[0], f[1]), BUDGET);
      bh.consume(r.verdict());
    }
  }
}
