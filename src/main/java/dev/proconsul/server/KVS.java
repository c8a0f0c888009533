package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.KVEndpoint;
import dev.proconsul.state.StateStore;
import dev.proconsul.state.WatchSet;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Consul's KVS endpoint: reads of one key, a prefix, or the key names, and the write verbs. */
public final class KVS implements KVEndpoint {

    private final StateStore state;
    private final QueryRunner queries;
    private final CommandWriter writer;

    public KVS(StateStore state, QueryRunner queries, CommandWriter writer) {
        this.state = state;
        this.queries = queries;
        this.writer = writer;
    }

    /** One entry; a null value when the key is absent (the index is still meaningful for blocking). */
    public QueryResult<KVEntry> get(String key, QueryOptions opts) {
        Catalog.requireName(key, "Missing key name");
        return queries.run(opts, getRead(key));
    }

    /** {@link #get} without holding the caller's thread while it blocks (see {@link QueryRunner#runAsync}). */
    public CompletableFuture<QueryResult<KVEntry>> getAsync(String key, QueryOptions opts) {
        Catalog.requireName(key, "Missing key name");
        return queries.runAsync(opts, getRead(key));
    }

    public QueryResult<List<KVEntry>> list(String prefix, QueryOptions opts) {
        return queries.run(opts, listRead(prefix));
    }

    /** {@link #list} without holding the caller's thread while it blocks. */
    public CompletableFuture<QueryResult<List<KVEntry>>> listAsync(String prefix, QueryOptions opts) {
        return queries.runAsync(opts, listRead(prefix));
    }

    private Function<WatchSet, Indexed<KVEntry>> getRead(String key) {
        return ws -> state.kvGet(key, ws);
    }

    private Function<WatchSet, Indexed<List<KVEntry>>> listRead(String prefix) {
        String p = prefix == null ? "" : prefix;
        return ws -> {
            Indexed<List<KVEntry>> r = state.kvList(p, ws);
            return new Indexed<>(r.index(), Catalog.nullToEmpty(r.value()));
        };
    }

    public QueryResult<List<String>> keys(String prefix, String separator, QueryOptions opts) {
        String p = prefix == null ? "" : prefix;
        String sep = separator == null ? "" : separator;
        return queries.run(opts, ws -> {
            Indexed<List<String>> r = state.kvKeys(p, sep, ws);
            return new Indexed<>(r.index(), Catalog.nullToEmpty(r.value()));
        });
    }

    /**
     * Applies a KV write.
     *
     * @return false when a check-and-set or lock did not hold, true otherwise
     */
    public boolean apply(String datacenter, KVRequest request) {
        queries.checkDatacenter(datacenter);
        KVEntry e = request.entry();
        if (e == null) {
            throw EndpointException.badRequest("Missing key name");
        }
        boolean deletesTree = request.verb() == KVRequest.Verb.DELETE_TREE;
        if ((e.key() == null || e.key().isEmpty()) && !deletesTree) {
            throw EndpointException.badRequest("Missing key name");
        }
        if (e.value() != null && e.value().length > MAX_VALUE_SIZE) {
            throw new EndpointException(EndpointException.Kind.TOO_LARGE, KVEndpoint.tooLargeMessage(e.value().length));
        }
        if (request.verb() == KVRequest.Verb.LOCK && state.kvLockDelayed(e.key())) {
            // Lock-delay runs on the wall clock, so the leader enforces it before the log, as Consul does.
            return false;
        }
        ApplyResult r = writer.apply(request, "consul.kvs.apply");
        return r.flag();
    }
}
