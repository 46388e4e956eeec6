/**
 * Given code of the replication lab: the replica API ({@link
 * io.pdslab.labs.replication.given.Replica}, {@link
 * io.pdslab.labs.replication.given.ReplicaFactory}), the commands and replies clients exchange with
 * it ({@link io.pdslab.labs.replication.given.Command}, {@link
 * io.pdslab.labs.replication.given.Reply}), snapshots, the clerk and the workload the tests drive.
 *
 * <p><b>Not yours to edit:</b> the tests rely on this code, and the grader ignores (and reports)
 * any change a submission makes here. Your files are the classes of {@code
 * io.pdslab.labs.replication}.
 */
package io.pdslab.labs.replication.given;
