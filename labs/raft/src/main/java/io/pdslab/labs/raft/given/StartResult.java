package io.pdslab.labs.raft.given;

/**
 * The answer of {@link RaftPeer#start(Object)}.
 *
 * @param index the log index the command will have if it is ever committed
 * @param term the current term
 * @param isLeader whether this node believes it is the leader (if not, nothing was appended)
 */
public record StartResult(int index, int term, boolean isLeader) {}
