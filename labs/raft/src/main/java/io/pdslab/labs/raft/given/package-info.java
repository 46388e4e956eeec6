/**
 * Given code of the Raft lab: the API between your {@code Raft} and its users ({@link
 * io.pdslab.labs.raft.given.RaftPeer}, {@link io.pdslab.labs.raft.given.StartResult}, {@link
 * io.pdslab.labs.raft.given.RaftState}, {@link io.pdslab.labs.raft.given.ApplyMsg}), the messages
 * peers exchange ({@link io.pdslab.labs.raft.given.RaftMessage}), stable storage ({@link
 * io.pdslab.labs.raft.given.Persister}) and the actor around a peer ({@link
 * io.pdslab.labs.raft.given.RaftNode}).
 *
 * <p><b>Not yours to edit:</b> the tests rely on this code, and the grader ignores (and reports)
 * any change a submission makes here. Your files are {@code io.pdslab.labs.raft.Raft} and the
 * {@code io.pdslab.labs.raft.kv} package (plus any class you add there).
 */
package io.pdslab.labs.raft.given;
