package dev.proconsul.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Snapshots of the servers' state for disaster recovery: {@code GET /v1/snapshot} saves one (a gzipped tar
 * archive), {@code PUT /v1/snapshot} restores one, replacing everything the servers hold.
 */
public final class SnapshotClient {
    private final ConsulHttp http;

    SnapshotClient(ConsulHttp http) {
        this.http = http;
    }

    /**
     * Takes a snapshot. Only the datacenter, token and stale options apply.
     *
     * @return the archive bytes; the meta's {@link QueryMeta#lastIndex()} is the Raft index it reflects
     */
    public QueryResult<byte[]> save(QueryOptions opts) {
        Query q = new Query();
        q.addIfPresent("dc", opts.datacenter() != null ? opts.datacenter() : http.defaultDatacenter());
        if (opts.allowStale()) {
            q.flag("stale");
        }
        ConsulHttp.Response r = http.require("GET", "/v1/snapshot", q, null, opts.token());
        return new QueryResult<>(r.body(), ConsulHttp.meta(r));
    }

    /** Restores an archive {@link #save} produced; the servers refuse a damaged one and keep their state. */
    public void restore(byte[] archive, WriteOptions opts) {
        Query q = new Query();
        q.write(opts, http.defaultDatacenter());
        http.require("PUT", "/v1/snapshot", q, archive, opts.token());
    }

    /** Reads the archive from {@code in} (not closed) and restores it. */
    public void restore(InputStream in, WriteOptions opts) throws IOException {
        restore(in.readAllBytes(), opts);
    }
}
