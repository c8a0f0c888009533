package dev.proconsul.endpoint;

import dev.proconsul.structs.IndexedCARoots;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;

/** Consul's ConnectCA endpoint (the read side: roots). */
public interface ConnectCAEndpoint {
    /** The trusted roots; empty until a CA is installed. */
    QueryResult<IndexedCARoots> roots(QueryOptions opts);
}
