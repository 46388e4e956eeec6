package io.pdslab.labs.raft.given;

/**
 * The answer of {@link RaftPeer#getState()}.
 *
 * @param term the current term
 * @param isLeader whether this node believes it is the leader
 */
public record RaftState(int term, boolean isLeader) {}
