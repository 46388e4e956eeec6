package io.pdslab.labs.raft.given;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One entry of the replicated log.
 *
 * @param term the term in which a leader created the entry
 * @param command the client command; any value Jackson can serialize (its class is recorded)
 */
public record LogEntry(int term, @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object command) {}
