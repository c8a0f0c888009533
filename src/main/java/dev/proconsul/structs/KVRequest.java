package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A KV write. {@code entry.modifyIndex()} carries the expected index for the CAS verbs; {@code entry.session()}
 * the session for lock/unlock (sessions arrive with a later issue).
 */
public record KVRequest(@JsonProperty("Verb") Verb verb, @JsonProperty("DirEnt") KVEntry entry) implements Command {

    public enum Verb {
        @JsonProperty("set") SET,
        @JsonProperty("cas") CAS,
        @JsonProperty("delete") DELETE,
        @JsonProperty("delete-cas") DELETE_CAS,
        @JsonProperty("delete-tree") DELETE_TREE,
        @JsonProperty("lock") LOCK,
        @JsonProperty("unlock") UNLOCK
    }
}
