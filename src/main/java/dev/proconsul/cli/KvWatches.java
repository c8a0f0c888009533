package dev.proconsul.cli;

import dev.proconsul.api.QueryResult;
import dev.proconsul.structs.KVEntry;
import java.util.List;
import java.util.Optional;

/** The {@code key} and {@code keyprefix} watch types: one KV entry (or null while absent), or a prefix's entries. */
final class KvWatches {
    private KvWatches() {
    }

    static WatchSource key(String key) {
        return (consul, opts) -> {
            QueryResult<Optional<KVEntry>> r = consul.kv().get(key, opts);
            return new WatchSource.Result(r.meta().lastIndex(), r.value().orElse(null));
        };
    }

    static WatchSource prefix(String prefix) {
        return (consul, opts) -> {
            QueryResult<List<KVEntry>> r = consul.kv().list(prefix, opts);
            return new WatchSource.Result(r.meta().lastIndex(), r.value());
        };
    }
}
