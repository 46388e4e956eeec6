package io.pdslab.grader.run;

/**
 * Resource limits for a child JVM running untrusted code. Enforced by the {@link Watchdog} always,
 * and also by the kernel (bubblewrap namespaces, rlimits) where available.
 *
 * @param sandboxed whether to confine the child with bubblewrap (see {@link Sandbox}: no privilege,
 *     no network, a read-only view of only what the run needs, its work folder writable)
 * @param maxThreads threads over the child's whole process tree
 * @param maxProcesses processes in the child's tree
 * @param diskMb bytes the child may write to its work folder, in MiB
 * @param extraMemoryMb memory over the heap cap (metaspace, stacks, code) before the tree is killed
 */
public record SandboxLimits(
    boolean sandboxed, int maxThreads, int maxProcesses, int diskMb, int extraMemoryMb) {
  /** Generous limits for running one's own code: no confinement. */
  public static final SandboxLimits NONE = new SandboxLimits(false, 4096, 256, 4096, 2048);

  /** Limits for grading untrusted submissions. */
  public static final SandboxLimits GRADING = new SandboxLimits(true, 400, 16, 256, 768);
}
