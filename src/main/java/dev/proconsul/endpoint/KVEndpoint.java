package dev.proconsul.endpoint;

import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Consul's KVS endpoint: reads of one key, a prefix, or the key names, and the write verbs. */
public interface KVEndpoint {
    /** Consul's default kv_max_value_size: 512 KiB. */
    int MAX_VALUE_SIZE = 512 * 1024;

    /** Consul's wording for an oversized value. */
    static String tooLargeMessage(long size) {
        return "Request body(" + size + " bytes) too large, max size: " + MAX_VALUE_SIZE
                + " bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size.";
    }

    /** One entry; a null value when the key is absent (the index is still meaningful for blocking). */
    QueryResult<KVEntry> get(String key, QueryOptions opts);

    /** {@link #get} without holding the caller's thread while it blocks. */
    CompletableFuture<QueryResult<KVEntry>> getAsync(String key, QueryOptions opts);

    QueryResult<List<KVEntry>> list(String prefix, QueryOptions opts);

    /** {@link #list} without holding the caller's thread while it blocks. */
    CompletableFuture<QueryResult<List<KVEntry>>> listAsync(String prefix, QueryOptions opts);

    QueryResult<List<String>> keys(String prefix, String separator, QueryOptions opts);

    /**
     * Applies a KV write.
     *
     * @return false when a check-and-set or lock did not hold, true otherwise
     */
    boolean apply(String datacenter, KVRequest request);
}
