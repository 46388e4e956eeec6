package io.pdslab.labs.replication.given.cluster;

import io.pdslab.harness.jgroups.StateTransferSequencer;
import io.pdslab.labs.replication.PrimaryBackupReplica;
import io.pdslab.labs.replication.SmrReplica;
import io.pdslab.labs.replication.given.ReplicaFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.jgroups.stack.Protocol;

/** The replica classes cluster mode can run, chosen with {@code --set replica=NAME}. */
enum ReplicaKind {
  /** Part C: {@code SmrReplica}, with SEQUENCER in the stack. */
  SMR("smr", SmrReplica::new, () -> new Protocol[] {new StateTransferSequencer()}),
  /** Part B: {@code PrimaryBackupReplica}. */
  PRIMARY_BACKUP("primary-backup", PrimaryBackupReplica::new, () -> new Protocol[0]);

  /** The setting that names the kind. */
  static final String SETTING = "replica";

  final String setting;
  final ReplicaFactory factory;
  final Supplier<Protocol[]> aboveGms;

  ReplicaKind(String setting, ReplicaFactory factory, Supplier<Protocol[]> aboveGms) {
    this.setting = setting;
    this.factory = factory;
    this.aboveGms = aboveGms;
  }

  /** The kind {@code settings} names, {@link #SMR} if none. */
  static ReplicaKind of(Map<String, String> settings) {
    String name = settings.getOrDefault(SETTING, SMR.setting);
    return Arrays.stream(values())
        .filter(k -> k.setting.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown replica=" + name + "; use smr or primary-backup"));
  }
}
