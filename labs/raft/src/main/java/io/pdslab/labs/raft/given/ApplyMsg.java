package io.pdslab.labs.raft.given;

import java.util.Arrays;
import java.util.Objects;

/**
 * What Raft hands to the service on its apply channel: either a committed command or a snapshot the
 * service must install.
 *
 * @param commandValid true for a committed command
 * @param command the command (when {@code commandValid})
 * @param commandIndex its log index (when {@code commandValid})
 * @param snapshotValid true for a snapshot
 * @param snapshot the snapshot bytes (when {@code snapshotValid})
 * @param snapshotTerm term of the last entry the snapshot covers
 * @param snapshotIndex index of the last entry the snapshot covers
 */
public record ApplyMsg(
    boolean commandValid,
    Object command,
    int commandIndex,
    boolean snapshotValid,
    byte[] snapshot,
    int snapshotTerm,
    int snapshotIndex) {

  /** A committed command at {@code index}. */
  public static ApplyMsg command(Object command, int index) {
    return new ApplyMsg(true, command, index, false, null, 0, 0);
  }

  /** A snapshot covering the log up to {@code index} (of term {@code term}). */
  public static ApplyMsg snapshot(byte[] snapshot, int term, int index) {
    return new ApplyMsg(false, null, 0, true, snapshot, term, index);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApplyMsg m
        && commandValid == m.commandValid
        && Objects.equals(command, m.command)
        && commandIndex == m.commandIndex
        && snapshotValid == m.snapshotValid
        && Arrays.equals(snapshot, m.snapshot)
        && snapshotTerm == m.snapshotTerm
        && snapshotIndex == m.snapshotIndex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(command, commandIndex, Arrays.hashCode(snapshot), snapshotIndex);
  }

  @Override
  public String toString() {
    return commandValid
        ? "ApplyMsg[command=" + command + ", index=" + commandIndex + "]"
        : "ApplyMsg[snapshot of "
            + (snapshot == null ? 0 : snapshot.length)
            + " B, index="
            + snapshotIndex
            + ", term="
            + snapshotTerm
            + "]";
  }
}
