package io.pdslab.grader.build;

import io.pdslab.grader.GraderException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in process with the JDK's compiler. Annotation processing is off: sources
 * may come from an untrusted submission, and compiling them must not run any code.
 */
public final class SourceCompiler {
  private static final int MAX_DIAGNOSTICS = 30;

  /**
   * The outcome of a compilation.
   *
   * @param success whether classes were written
   * @param errors the compiler's error messages ({@code File.java:12: error: ...}), empty on
   *     success
   */
  public record Result(boolean success, String errors) {}

  private SourceCompiler() {}

  /** Compiles every {@code .java} file under the existing {@code sourceRoots} into {@code out}. */
  public static Result compile(List<Path> sourceRoots, List<Path> classpath, Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new GraderException("no Java compiler: run pdslab with a JDK, not a JRE");
    }
    List<Path> sources = new ArrayList<>();
    for (Path root : sourceRoots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files
              .filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
              .sorted()
              .forEach(sources::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (sources.isEmpty()) {
      return new Result(true, "");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-d",
              out.toString(),
              "-cp",
              classpath.stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(File.pathSeparator)),
              "--release",
              "17",
              "-proc:none",
              "-encoding",
              "UTF-8",
              "-nowarn",
              "-Xlint:none",
              "-implicit:class");
      StringWriter log = new StringWriter();
      boolean ok =
          javac
              .getTask(
                  log,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      return new Result(ok, ok ? "" : format(diagnostics, log.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String format(DiagnosticCollector<JavaFileObject> diagnostics, String log) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      if (shown++ == MAX_DIAGNOSTICS) {
        out.append("... more errors\n");
        break;
      }
      String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).toString();
      out.append(file)
          .append(':')
          .append(d.getLineNumber())
          .append(": error: ")
          .append(d.getMessage(Locale.ROOT))
          .append('\n');
    }
    if (out.length() == 0) {
      out.append(log);
    }
    return out.toString();
  }
}
