/**
 * Given code of the key-value service (part E): the client-server protocol ({@link
 * io.pdslab.labs.raft.given.kv.KvMessage}), the client ({@link
 * io.pdslab.labs.raft.given.kv.KvClerk}) and its workload ({@link
 * io.pdslab.labs.raft.given.kv.KvWorkload}), and cluster mode ({@link
 * io.pdslab.labs.raft.given.kv.KvClusterApp}).
 *
 * <p><b>Not yours to edit:</b> the tests' clients run this code, and the grader ignores (and
 * reports) any change a submission makes here. Your server is {@code
 * io.pdslab.labs.raft.kv.KvServer}.
 */
package io.pdslab.labs.raft.given.kv;
