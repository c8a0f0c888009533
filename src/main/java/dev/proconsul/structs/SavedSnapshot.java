package dev.proconsul.structs;

/** A saved snapshot: the archive bytes and the read's metadata (X-Consul-Index is the snapshot's index). */
public record SavedSnapshot(byte[] archive, SnapshotMeta snapshot, QueryMeta meta) {
}
