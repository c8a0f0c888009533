package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code meta.json} of a snapshot archive: which Raft entry the state reflects and how big it is.
 *
 * @param version the archive format version ({@link #VERSION})
 * @param id      {@code <term>-<index>-<unix millis>}, as Consul names snapshots; only for telling them apart
 * @param index   the Raft index of the last entry the state includes
 * @param term    the Raft term at which the snapshot was taken
 * @param size    the state file's size in bytes
 * @param created when the snapshot was taken, RFC 3339 in UTC
 */
@JsonPropertyOrder({"Version", "ID", "Index", "Term", "Size", "Created"})
public record SnapshotMeta(
        @JsonProperty("Version") int version,
        @JsonProperty("ID") String id,
        @JsonProperty("Index") long index,
        @JsonProperty("Term") long term,
        @JsonProperty("Size") long size,
        @JsonProperty("Created") String created) {

    public static final int VERSION = 1;

    /** Meta for a state of {@code size} bytes at {@code index}/{@code term}, taken at {@code createdMillis}. */
    public static SnapshotMeta of(long index, long term, long size, long createdMillis) {
        return new SnapshotMeta(VERSION, term + "-" + index + "-" + createdMillis, index, term, size,
                java.time.Instant.ofEpochMilli(createdMillis).toString());
    }
}
