package io.pdslab.grader.run;

import io.pdslab.grader.runner.ChildEvent;
import io.pdslab.grader.runner.ChildMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A started child JVM running {@link ChildMain}, with its result channel and captured output. */
final class ChildJvm {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int OUTPUT_TAIL_BYTES = 64 * 1024;

  private final Process process;
  private final byte[] key;
  private final OutputTail output;
  private final Path control;

  private ChildJvm(Process process, byte[] key, Path control) {
    this.process = process;
    this.key = key;
    this.control = control;
    this.output = new OutputTail(process.getErrorStream(), OUTPUT_TAIL_BYTES, "child-output");
  }

  /**
   * Starts {@code ChildMain mode} over the selector lines. The files the grader writes for the
   * child live in a control folder beside the work folder, created afresh for each child and shown
   * to it read-only, so the child cannot swap them for links the grader would write through.
   */
  static ChildJvm start(RunSpec spec, ChildEvent.Mode mode, List<String> selectorLines) {
    Path control = controlDir(spec.workDir());
    try {
      Path work = Files.createDirectories(spec.workDir());
      FileTrees.delete(control);
      Files.createDirectory(control);
      Path selection =
          FileTrees.writeNew(control.resolve("selection"), String.join("\n", selectorLines));
      List<Path> cp = new ArrayList<>(spec.classpath());
      cp.addAll(RunnerClasspath.entries());
      String classpath =
          cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      // An argument file keeps long classpaths off the command line.
      Path argFile =
          FileTrees.writeNew(control.resolve("java-args"), "-cp\n\"" + escape(classpath) + "\"\n");
      boolean sandboxed = spec.limits().sandboxed() && Sandbox.bubblewrapAvailable();
      if (sandboxed) {
        Sandbox.writeEtc(control, work);
      }
      List<Path> readable = new ArrayList<>(cp);
      for (String v : spec.systemProperties().values()) {
        if (v.startsWith("/")) {
          readable.add(Path.of(v));
        }
      }
      // In the sandbox /tmp is private to the child; unconfined, it gets a folder of its own.
      String tmp = sandboxed ? "/tmp" : ownTmp(work).toString();
      List<String> cmd = new ArrayList<>(Sandbox.prefix(spec.limits(), work, control, readable));
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx" + spec.heapMb() + "m");
      cmd.add("-XX:MaxDirectMemorySize=64m");
      cmd.add("-XX:+ExitOnOutOfMemoryError");
      cmd.add("-XX:-UsePerfData");
      // The JVM prints some messages (e.g. on OutOfMemoryError) to stdout, our result channel.
      cmd.add("-XX:+DisplayVMOutputToStderr");
      cmd.add("-Xshare:auto");
      cmd.add("-Djava.io.tmpdir=" + tmp);
      cmd.add("-Djava.awt.headless=true");
      // No attach, not even to itself: attaching is how code in the child could load an agent
      // and rewrite the runner or read its key. Lincheck's instrumentation comes instead from Byte
      // Buddy's agent given on the command line: ByteBuddyAgent.install() returns the
      // Instrumentation that agent's premain stored, without attaching. Student code cannot reach
      // it (Byte Buddy is not on any lab's allowlist, see io.pdslab.grader.check).
      cmd.add("-XX:+DisableAttachMechanism");
      byteBuddyAgent(cp).ifPresent(jar -> cmd.add("-javaagent:" + jar));
      if (hasBlockHound(cp)) {
        // BlockHound (the harness's EventLoopGuard) adds methods to JDK classes already loaded.
        cmd.add("-XX:+AllowRedefinitionToAddDeleteMethods");
      }
      for (Map.Entry<String, String> p : spec.systemProperties().entrySet()) {
        cmd.add("-D" + p.getKey() + "=" + p.getValue());
      }
      cmd.add("@" + argFile);
      cmd.add(ChildMain.class.getName());
      cmd.add(mode.wireName());
      cmd.add(selection.toString());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(spec.limits().sandboxed() ? work.toFile() : spec.cwd().toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("JAVA_TOOL") || k.startsWith("_JAVA"));
      pb.environment().put("TMPDIR", tmp);
      Process process = pb.start();
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      try (OutputStream in = process.getOutputStream()) {
        in.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        process.destroyForcibly();
        throw e;
      }
      return new ChildJvm(process, key, control);
    } catch (IOException e) {
      FileTrees.deleteQuietly(control);
      throw new UncheckedIOException("cannot start the test JVM: " + e.getMessage(), e);
    }
  }

  /** The control folder of the child whose work folder is {@code work}: outside it, beside it. */
  static Path controlDir(Path work) {
    Path w = work.toAbsolutePath().normalize();
    return w.resolveSibling(w.getFileName() + ".control");
  }

  /** {@code work/tmp}, replacing whatever an earlier child left there (a link, a file). */
  private static Path ownTmp(Path work) throws IOException {
    Path tmp = work.resolve("tmp");
    if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
      FileTrees.delete(tmp);
      Files.createDirectory(tmp);
    }
    return tmp;
  }

  /** Byte Buddy's agent jar when the tested code has it on its class path (Lincheck's labs). */
  static Optional<Path> byteBuddyAgent(List<Path> classpath) {
    return classpath.stream()
        .filter(p -> p.getFileName().toString().matches("byte-buddy-agent-[\\w.-]*\\.jar"))
        .findFirst();
  }

  /** Whether the tested code has BlockHound on its class path (the rpc lab's part E). */
  static boolean hasBlockHound(List<Path> classpath) {
    return classpath.stream()
        .anyMatch(p -> p.getFileName().toString().matches("blockhound-[\\d][\\w.-]*\\.jar"));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** The child's process and its descendants (bwrap and the JVM, in the sandbox), as of now. */
  List<ProcessHandle> processTree() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
  }

  Process process() {
    return process;
  }

  byte[] key() {
    return key;
  }

  InputStream events() {
    return process.getInputStream();
  }

  /** The tail of what the child printed (test code's stdout and stderr). */
  String output() {
    output.awaitEnd();
    return output.text();
  }

  /** Kills the child and every process it started. */
  void killTree() {
    ProcessHandle root = process.toHandle();
    for (int round = 0; round < 3; round++) {
      root.descendants().forEach(ProcessHandle::destroyForcibly);
      root.destroyForcibly();
    }
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes the control folder once the child has exited. */
  void cleanUp() {
    FileTrees.deleteQuietly(control);
  }
}
