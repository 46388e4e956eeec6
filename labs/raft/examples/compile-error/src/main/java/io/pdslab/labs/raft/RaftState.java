package io.pdslab.labs.raft;

/**
 * The answer of {@link Raft#getState()}. This submission added a component without updating the
 * callers, so it does not compile.
 *
 * @param term the current term
 * @param isLeader whether this node believes it is the leader
 * @param votedFor whom this node voted for in the current term
 */
public record RaftState(int term, boolean isLeader, String votedFor) {}
