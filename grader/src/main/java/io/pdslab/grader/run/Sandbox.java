package io.pdslab.grader.run;

import io.pdslab.harness.process.ShortCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a child command in bubblewrap when it is installed and usable. The child runs as an
 * unprivileged user ({@code nobody}) in its own user, PID, network, IPC and UTS namespaces, with no
 * capabilities and no new privileges, and dies with the grader. It sees only what the run needs:
 *
 * <ul>
 *   <li>read-only: {@code /usr} (with the {@code /bin}, {@code /lib*} links), the dynamic linker's
 *       cache, the JDK ({@code java.home} and the files its links point to), the exact class-path
 *       jars and class folders, and the grader's control folder;
 *   <li>read-write: the run's work folder only, and a private, size-limited {@code /tmp} and {@code
 *       /dev/shm} (everything else, even the sandbox's own root, is read-only);
 *   <li>a fresh {@code /proc} (its own processes only) and a minimal {@code /dev}.
 * </ul>
 *
 * No project tree, no {@code ~/.m2} beyond the jars on the class path, no other submission, no
 * {@code /root}, no {@code /etc} but a generated {@code passwd}, {@code group} and {@code hosts}.
 * {@code prlimit} adds a per-file size cap and no core dumps. Thread, process, memory, time and
 * disk caps are enforced by the {@link Watchdog} in every case (RLIMIT_AS breaks the JVM).
 */
public final class Sandbox {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static final long TMP_BYTES = 64L * 1024 * 1024;
  private static final int NOBODY = 65534;

  /** Top-level system folders a dynamically linked JVM needs; links among them are kept. */
  private static final List<String> SYSTEM = List.of("/usr", "/bin", "/lib", "/lib64", "/lib32");

  /** The only host files of {@code /etc} the child sees: the dynamic linker's configuration. */
  private static final List<String> ETC =
      List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime");

  private static String unusableReason;
  private static boolean probed;

  /** Whether bwrap can forbid nested user namespaces (0.8 and newer). */
  private static boolean nestedUsernsDisabled = true;

  private static Boolean prlimitUsable;
  private static List<Path> jdkFiles;

  private Sandbox() {}

  /** Whether bubblewrap works here with every isolation flag the grader uses (probed once). */
  public static synchronized boolean bubblewrapAvailable() {
    if (!probed) {
      probed = true;
      unusableReason = probeBubblewrap();
      if (unusableReason != null) {
        LOG.warn(
            "SUBMISSIONS RUN UNSANDBOXED: bubblewrap is not usable ({}). Untrusted code can then"
                + " read and write anything the grader can, and reach the network (time, thread,"
                + " memory and disk limits still apply). Install it, e.g. apt-get install"
                + " bubblewrap.",
            unusableReason);
      }
    }
    return unusableReason == null;
  }

  /** Why the sandbox is not used (for reports), or null when it is. */
  public static synchronized String unusableReason() {
    bubblewrapAvailable();
    return unusableReason;
  }

  private static String probeBubblewrap() {
    String full = probeIsolation();
    if (full == null) {
      return null;
    }
    nestedUsernsDisabled = false;
    String older = probeIsolation();
    if (older == null) {
      LOG.info("bubblewrap cannot forbid nested user namespaces (older than 0.8): allowed");
    }
    return older == null ? null : full;
  }

  /**
   * Runs {@code true} confined by the very flags {@link #prefix} uses (over a scratch work and
   * control folder), so a bwrap too old for one of them is found here rather than by every child.
   */
  private static String probeIsolation() {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("pdslab-sandbox-probe");
      Path work = Files.createDirectories(scratch.resolve("work"));
      Path control = Files.createDirectories(scratch.resolve("control"));
      writeEtc(control, work);
      List<String> cmd = new ArrayList<>(List.of("bwrap"));
      cmd.addAll(confinement(work, control, List.of()));
      cmd.add("true");
      ShortCommand probe = ShortCommand.run(cmd, Duration.ofSeconds(10));
      if (probe.timedOut()) {
        return "bwrap did not answer";
      }
      return probe.succeeded() ? null : "bwrap failed: " + probe.errors();
    } catch (IOException e) {
      return "bwrap is not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      if (scratch != null) {
        FileTrees.deleteQuietly(scratch);
      }
    }
  }

  /** No privilege, own namespaces, death with the grader. */
  private static List<String> isolation() {
    List<String> flags = new ArrayList<>();
    if (nestedUsernsDisabled) {
      flags.add("--disable-userns");
    }
    flags.addAll(
        List.of(
            "--unshare-user",
            "--uid",
            Integer.toString(NOBODY),
            "--gid",
            Integer.toString(NOBODY),
            "--cap-drop",
            "ALL",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--hostname",
            "sandbox",
            "--die-with-parent",
            "--new-session"));
    return flags;
  }

  private static synchronized boolean prlimitAvailable() {
    if (prlimitUsable == null) {
      try {
        prlimitUsable =
            ShortCommand.run(List.of("prlimit", "--core=0", "true"), Duration.ofSeconds(10))
                .succeeded();
      } catch (IOException e) {
        prlimitUsable = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        prlimitUsable = false;
      }
    }
    return prlimitUsable;
  }

  /**
   * The command prefix that confines a child to the view described above.
   *
   * @param workDir the only writable folder (the child's working directory)
   * @param controlDir the grader's files for this child, shown read-only
   * @param readPaths class-path entries and other files the child must read
   */
  static List<String> prefix(
      SandboxLimits limits, Path workDir, Path controlDir, List<Path> readPaths) {
    List<String> cmd = new ArrayList<>();
    if (!limits.sandboxed()) {
      return cmd;
    }
    if (prlimitAvailable()) {
      cmd.addAll(
          List.of("prlimit", "--core=0", "--fsize=" + limits.diskMb() * 1024L * 1024L, "--"));
    }
    if (!bubblewrapAvailable()) {
      return cmd;
    }
    cmd.add("bwrap");
    cmd.addAll(confinement(workDir, controlDir, readPaths));
    return cmd;
  }

  /** bwrap's flags for the view described above, up to and including {@code --}. */
  private static List<String> confinement(Path workDir, Path controlDir, List<Path> readPaths) {
    List<String> cmd = new ArrayList<>(isolation());
    for (String dir : SYSTEM) {
      Path p = Path.of(dir);
      if (Files.isSymbolicLink(p)) {
        cmd.addAll(List.of("--symlink", readLink(p), dir));
      } else if (Files.isDirectory(p)) {
        cmd.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    for (String f : ETC) {
      cmd.addAll(List.of("--ro-bind-try", f, f));
    }
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    cmd.addAll(List.of("--size", Long.toString(TMP_BYTES), "--tmpfs", "/tmp"));
    cmd.addAll(List.of("--size", Long.toString(16L * 1024 * 1024), "--tmpfs", "/dev/shm"));
    Set<Path> read = new LinkedHashSet<>(jdk());
    read.addAll(readPaths);
    read.add(controlDir);
    for (Path p : read) {
      Path abs = p.toAbsolutePath().normalize();
      if (Files.exists(abs) && !underSystem(abs)) {
        cmd.addAll(List.of("--ro-bind", abs.toString(), abs.toString()));
      }
    }
    for (String f : List.of("passwd", "group", "hosts")) {
      cmd.addAll(List.of("--ro-bind", controlDir.resolve(f).toString(), "/etc/" + f));
    }
    String w = workDir.toAbsolutePath().normalize().toString();
    cmd.addAll(List.of("--bind", w, w, "--chdir", w));
    // bwrap's own root and /dev are unbounded in-memory file systems: freeze them.
    cmd.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
    cmd.addAll(
        List.of(
            "--clearenv",
            "--setenv",
            "PATH",
            "/usr/bin:/bin",
            "--setenv",
            "HOME",
            w,
            "--setenv",
            "TMPDIR",
            "/tmp",
            "--setenv",
            "LANG",
            "C.UTF-8",
            "--"));
    return cmd;
  }

  /**
   * Writes the {@code /etc} files the sandbox shows into {@code controlDir}: a user {@code nobody}
   * whose home is the work folder, and {@code localhost}.
   */
  static void writeEtc(Path controlDir, Path workDir) throws IOException {
    String home = workDir.toAbsolutePath().normalize().toString();
    FileTrees.writeNew(
        controlDir.resolve("passwd"),
        "nobody:x:" + NOBODY + ":" + NOBODY + ":nobody:" + home + ":/usr/sbin/nologin\n");
    FileTrees.writeNew(controlDir.resolve("group"), "nogroup:x:" + NOBODY + ":\n");
    FileTrees.writeNew(
        controlDir.resolve("hosts"), "127.0.0.1 localhost sandbox\n::1 localhost ip6-localhost\n");
  }

  /** Whether {@code p} is visible already, under a system folder or its link. */
  private static boolean underSystem(Path p) {
    return SYSTEM.stream().anyMatch(p::startsWith);
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return link.toString();
    }
  }

  /**
   * The JDK: {@code java.home} and the real files its links point to outside it (Debian's JDK links
   * its configuration to {@code /etc/java-N-openjdk}).
   */
  private static synchronized List<Path> jdk() {
    if (jdkFiles == null) {
      Path home = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
      Set<Path> out = new LinkedHashSet<>(List.of(home));
      try (Stream<Path> files = Files.walk(home)) {
        for (Path f : files.filter(Files::isSymbolicLink).toList()) {
          try {
            Path target = f.toRealPath();
            if (!target.startsWith(home) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
              out.add(target);
            }
          } catch (IOException e) {
            // a dangling link in the JDK: nothing to show
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot list the JDK's links under {}: {}", home, e.toString());
      }
      jdkFiles = List.copyOf(out);
    }
    return jdkFiles;
  }
}
