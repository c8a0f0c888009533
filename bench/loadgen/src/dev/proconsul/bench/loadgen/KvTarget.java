package dev.proconsul.bench.loadgen;

import java.io.IOException;

/** One system under test as the KV load sees it: the same operations, spoken in each system's own HTTP API. */
interface KvTarget {
    /** "proconsul" or "anchor": the column the figures go to. */
    String role();

    int port();

    /** A durable write of {@code keys.key(i)} = {@code keys.value()}; true when acknowledged. */
    boolean put(Http1Connection c, int i) throws IOException;

    /** A read of {@code keys.key(i)}; {@code stale} asks for the cheaper consistency. True when found. */
    boolean get(Http1Connection c, int i, boolean stale) throws IOException;

    /** A write of one key under the watched prefix; returns when acknowledged. */
    void putUnderWatchedPrefix(Http1Connection c, String suffix) throws IOException;

    /** A new watcher of the watched prefix, to be opened on its own connection. */
    PrefixWatcher newWatcher(long fromIndex);

    /** The index a watcher starts from (Consul's X-Consul-Index of the prefix; unused by etcd). */
    long currentPrefixIndex(Http1Connection c) throws IOException;

    /** A parked query or open watch stream that reports each change of the watched prefix. */
    interface PrefixWatcher {
        /** Sends the watch; returns once the request is on the wire (Consul) or the watch is confirmed (etcd). */
        void open(Http1Connection c) throws IOException;

        /** Blocks until the next change arrives. */
        void awaitChange(Http1Connection c) throws IOException;

        /** Watches again after a change, as a real client does at once (Consul: the next blocking query). */
        void rearm(Http1Connection c) throws IOException;
    }
}
