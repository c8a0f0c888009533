package dev.proconsul.endpoint;

import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.SavedSnapshot;
import dev.proconsul.structs.SnapshotMeta;
import java.io.InputStream;

/** Consul's Snapshot endpoint: saves the whole state as an archive and restores one. */
public interface SnapshotEndpoint {
    /** A point-in-time snapshot; the leader's unless {@code opts} allows stale. */
    SavedSnapshot save(QueryOptions opts);

    /** Replaces the whole state with the archive's; returns the restored snapshot's meta. */
    SnapshotMeta restore(String datacenter, InputStream archive);
}
