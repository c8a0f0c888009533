package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Replaces the whole state with a user-supplied snapshot ({@code PUT /v1/snapshot}). Applied through Raft like any
 * write, so every server installs the same state at the same log index.
 *
 * @param state the state in the snapshot format (docs/snapshot-format.md), gzip-compressed to keep the log entry
 *              small
 */
public record RestoreRequest(@JsonProperty("State") byte[] state) implements Command {
}
