package io.pdslab.cli;

import io.pdslab.harness.lin.CheckResult;
import io.pdslab.harness.lin.LinearizabilityChecker;
import io.pdslab.harness.lin.Model;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.Verdict;
import io.pdslab.harness.lin.format.EdnKvFormat;
import io.pdslab.harness.lin.format.EtcdLogFormat;
import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.format.MalformedHistoryException;
import io.pdslab.harness.lin.html.ViolationHtml;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdslab check-history [--model cas-register|kv] FILE...}: checks recorded histories for
 * linearizability, one line per file. Without {@code --model} each file's model follows from its
 * format (etcd log: cas-register, EDN log: kv, JSON: its {@code model} field), so one process
 * checks a mix.
 */
@Command(
    name = "check-history",
    mixinStandardHelpOptions = true,
    description = {
      "Check histories for linearizability; prints 'FILE: linearizable|violation|unknown"
          + " (N ops, T ms)' per file.",
      "Exit 0 if all are linearizable, 1 if any violation, else 2 if any is unknown"
          + " (budget spent) or unreadable."
    })
final class CheckHistoryCommand implements Callable<Integer> {

  /** The models the CLI knows, by their command-line name. */
  enum ModelName {
    CAS_REGISTER,
    KV;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Input formats; {@code auto} decides by content. */
  enum Format {
    AUTO,
    ETCD,
    EDN,
    JSON;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(
      names = "--model",
      converter = ModelConverter.class,
      description = {
        "cas-register (Jepsen etcd logs) or kv (Jepsen EDN get/put/append logs).",
        "Default: by each file's format (a JSON history names its model)."
      })
  ModelName model;

  @Option(
      names = "--format",
      defaultValue = "auto",
      converter = FormatConverter.class,
      description = "auto (by content), etcd, edn or json (pdslab history). Default: auto.")
  Format format;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Time budget per file; past it the verdict is unknown. Default: 10.")
  double timeoutSeconds;

  @Option(
      names = "--html",
      paramLabel = "DIR",
      description = "Write DIR/<file>.html explaining each violation (self-contained, offline).")
  Path htmlDir;

  @Option(
      names = "--explain",
      description = "Print the explanation of each violation after its line.")
  boolean explain;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
  List<Path> files;

  @Spec CommandSpec spec;

  /** What one file came to: its line, exit code and explanation text. */
  private record Outcome(String line, int exitCode, String explanation) {}

  @Override
  public Integer call() throws InterruptedException {
    if (!(timeoutSeconds > 0)) {
      throw new UserError("--timeout must be a positive number of seconds");
    }
    if (htmlDir != null) {
      try {
        Files.createDirectories(htmlDir);
      } catch (IOException e) {
        throw new UserError("cannot create --html directory " + htmlDir + ": " + e.getMessage());
      }
    }
    Outcome[] outcomes = new Outcome[files.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i; (i = next.getAndIncrement()) < outcomes.length; ) {
            outcomes[i] = checkFile(files.get(i));
          }
        };
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    Thread[] helpers = new Thread[threads - 1];
    for (int t = 0; t < helpers.length; t++) {
      helpers[t] = new Thread(worker, "check-history-" + t);
      helpers[t].start();
    }
    worker.run();
    for (Thread helper : helpers) {
      helper.join();
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean violation = false;
    boolean unsure = false;
    for (Outcome o : outcomes) {
      out.println(o.line());
      if (explain && o.explanation() != null) {
        out.println(o.explanation());
      }
      violation |= o.exitCode() == Pdslab.FAILED;
      unsure |= o.exitCode() == Pdslab.USAGE;
    }
    out.flush();
    return violation ? Pdslab.FAILED : unsure ? Pdslab.USAGE : Pdslab.OK;
  }

  private Outcome checkFile(Path file) {
    String name = file.toString();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Format f = format == Format.AUTO ? detect(name, text) : format;
      ModelName m = model != null ? model : modelOf(name, f, text);
      return switch (m) {
        case CAS_REGISTER ->
            check(
                file,
                new RegisterModel<>(),
                f == Format.JSON
                    ? JsonHistoryFormat.parseRegister(name, text)
                    : EtcdLogFormat.parse(name, requireFormat(name, m, f, Format.ETCD, text)));
        case KV ->
            check(
                file,
                new KvModel(),
                f == Format.JSON
                    ? JsonHistoryFormat.parseKv(name, text)
                    : EdnKvFormat.parse(name, requireFormat(name, m, f, Format.EDN, text)));
      };
    } catch (IOException e) {
      return new Outcome(name + ": error: cannot read: " + e.getMessage(), Pdslab.USAGE, null);
    } catch (MalformedHistoryException e) {
      return new Outcome("error: " + e.getMessage(), Pdslab.USAGE, null);
    }
  }

  private static String requireFormat(
      String name, ModelName m, Format actual, Format expected, String text) {
    if (actual != expected) {
      throw new MalformedHistoryException(
          name, 0, "a " + actual + " history cannot be checked with --model " + m);
    }
    return text;
  }

  /** The model a file's format implies, when no --model is given. */
  private static ModelName modelOf(String name, Format f, String text) {
    return switch (f) {
      case ETCD -> ModelName.CAS_REGISTER;
      case EDN -> ModelName.KV;
      default -> {
        String declared = JsonHistoryFormat.model(text);
        for (ModelName m : ModelName.values()) {
          if (m.toString().equals(declared)) {
            yield m;
          }
        }
        throw new MalformedHistoryException(
            name,
            0,
            "no known \"model\" in the JSON history ("
                + declared
                + "): give --model kv or"
                + " --model cas-register");
      }
    };
  }

  private static Format detect(String name, String text) {
    if (EtcdLogFormat.detect(text)) {
      return Format.ETCD;
    }
    if (EdnKvFormat.detect(text)) {
      return Format.EDN;
    }
    if (JsonHistoryFormat.detect(text)) {
      return Format.JSON;
    }
    throw new MalformedHistoryException(
        name, 0, "unknown format (not a Jepsen etcd log, EDN log or pdslab JSON history)");
  }

  private <S, I, O> Outcome check(Path file, Model<S, I, O> m, List<Operation<I, O>> history) {
    Duration budget = Duration.ofNanos((long) (timeoutSeconds * 1e9));
    CheckResult<I, O> result = LinearizabilityChecker.check(m, history, budget);
    String line =
        String.format(
            "%s: %s (%d ops, %d ms)",
            file,
            result.verdict().name().toLowerCase(Locale.ROOT),
            result.operations(),
            result.elapsed().toMillis());
    if (result.verdict() == Verdict.UNKNOWN) {
      return new Outcome(line + " — " + result.reason(), Pdslab.USAGE, null);
    }
    if (result.verdict() == Verdict.LINEARIZABLE) {
      return new Outcome(line, Pdslab.OK, null);
    }
    var explanation = result.explanation().orElseThrow();
    if (htmlDir != null) {
      Path html = htmlDir.resolve(file.getFileName() + ".html");
      try {
        ViolationHtml.write(explanation, file.getFileName() + ": not linearizable", html);
        line += " — " + html;
      } catch (IOException e) {
        line += " — cannot write " + html + ": " + e.getMessage();
      }
    }
    return new Outcome(line, Pdslab.FAILED, explanation.toText());
  }

  /** Parses {@code --model} names such as {@code cas-register}. */
  static final class ModelConverter implements picocli.CommandLine.ITypeConverter<ModelName> {
    @Override
    public ModelName convert(String value) {
      for (ModelName m : ModelName.values()) {
        if (m.toString().equals(value)) {
          return m;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "unknown model '" + value + "' (expected cas-register or kv)");
    }
  }

  /** Parses {@code --format} names. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.toString().equals(value)) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "unknown format '" + value + "' (expected auto, etcd, edn or json)");
    }
  }
}
