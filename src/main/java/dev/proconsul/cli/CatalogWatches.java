package dev.proconsul.cli;

import dev.proconsul.api.QueryResult;
import dev.proconsul.structs.Node;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code services} and {@code nodes} watch types: the catalog's service names with tags, or its nodes. */
final class CatalogWatches {
    private CatalogWatches() {
    }

    static WatchSource services() {
        return (consul, opts) -> {
            QueryResult<Map<String, List<String>>> r = consul.catalog().services(opts);
            // Go encodes maps with sorted keys.
            return new WatchSource.Result(r.meta().lastIndex(), new TreeMap<>(r.value()));
        };
    }

    static WatchSource nodes() {
        return (consul, opts) -> {
            QueryResult<List<Node>> r = consul.catalog().nodes(opts);
            return new WatchSource.Result(r.meta().lastIndex(), r.value());
        };
    }
}
