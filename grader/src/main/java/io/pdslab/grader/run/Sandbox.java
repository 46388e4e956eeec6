package io.pdslab.grader.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a child command in bubblewrap when it is installed and usable: no network, its own PID
 * namespace (killing it kills every process the tests started), a read-only view of the file system
 * except the work folder, and death with the parent. {@code prlimit} adds a per-file size cap and
 * no core dumps. Thread, process, memory and disk caps are enforced by the {@link Watchdog} in
 * every case (RLIMIT_NPROC is not enforced for root, and RLIMIT_AS breaks the JVM).
 */
public final class Sandbox {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static Boolean bwrapUsable;
  private static Boolean prlimitUsable;

  private Sandbox() {}

  /** Whether bubblewrap works here (probed once). */
  public static synchronized boolean bubblewrapAvailable() {
    if (bwrapUsable == null) {
      bwrapUsable = probe("bwrap", "--ro-bind", "/", "/", "--unshare-net", "--", "true");
      if (!bwrapUsable) {
        LOG.warn(
            "bubblewrap (bwrap) is not installed or not usable: submissions run WITHOUT network"
                + " isolation or a read-only file system (time, thread, memory and disk limits"
                + " still apply). Install it, e.g. apt-get install bubblewrap.");
      }
    }
    return bwrapUsable;
  }

  private static synchronized boolean prlimitAvailable() {
    if (prlimitUsable == null) {
      prlimitUsable = probe("prlimit", "--core=0", "true");
    }
    return prlimitUsable;
  }

  private static boolean probe(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The command prefix that confines a child writing only to {@code workDir}. */
  static List<String> prefix(SandboxLimits limits, Path workDir) {
    List<String> cmd = new ArrayList<>();
    if (!limits.sandboxed()) {
      return cmd;
    }
    if (prlimitAvailable()) {
      cmd.addAll(
          List.of("prlimit", "--core=0", "--fsize=" + limits.diskMb() * 1024L * 1024L, "--"));
    }
    if (bubblewrapAvailable()) {
      String w = workDir.toString();
      cmd.addAll(
          List.of(
              "bwrap",
              "--die-with-parent",
              "--new-session",
              "--unshare-net",
              "--unshare-pid",
              "--unshare-ipc",
              "--unshare-uts",
              "--ro-bind",
              "/",
              "/",
              "--dev",
              "/dev",
              "--proc",
              "/proc",
              "--size",
              Long.toString(16L * 1024 * 1024),
              "--tmpfs",
              "/dev/shm",
              "--bind",
              w,
              w,
              "--chdir",
              w,
              "--"));
    }
    return cmd;
  }
}
