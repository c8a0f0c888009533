package dev.proconsul.http;

import dev.proconsul.agent.cache.AgentCache;
import dev.proconsul.agent.cache.CacheControl;
import dev.proconsul.agent.cache.CacheRequest;
import dev.proconsul.agent.cache.CacheResult;
import dev.proconsul.agent.cache.CacheType;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import java.util.function.Function;

/**
 * Reads that Consul serves from the agent cache: with {@code ?cached} (or always, for the agent's CA roots), the
 * answer comes through {@link AgentCache} and carries {@code X-Cache: HIT|MISS} and, on a hit, {@code Age}.
 */
final class CachedReads {
    /** A read through an endpoint interface with the request's options. */
    @FunctionalInterface
    interface Read<T> {
        QueryResult<T> read(QueryOptions opts);
    }

    private final AgentCache cache;

    CachedReads(AgentCache cache) {
        this.cache = cache;
    }

    /** Through the cache when the request says {@code ?cached}, else straight to the endpoint. */
    <T> Reply read(ApiRequest req, CacheType type, String key, Read<T> read,
                   Function<QueryResult<T>, Reply> render) {
        QueryOptions opts = QueryParams.queryOptions(req);
        if (!req.has("cached")) {
            return render.apply(read.read(opts));
        }
        return throughCache(req, opts, type, key, read, render);
    }

    /** Always through the cache (Consul's /v1/agent/connect/ca/roots). */
    <T> Reply always(ApiRequest req, CacheType type, String key, Read<T> read,
                     Function<QueryResult<T>, Reply> render) {
        return throughCache(req, QueryParams.queryOptions(req), type, key, read, render);
    }

    private <T> Reply throughCache(ApiRequest req, QueryOptions opts, CacheType type, String key, Read<T> read,
                                   Function<QueryResult<T>, Reply> render) {
        CacheResult<T> result = lookup(req, opts, type, key, read);
        return withCacheHeaders(render.apply(result.result()), result);
    }

    /** The cache's answer for a read, with whether it hit and its age. */
    <T> CacheResult<T> lookup(ApiRequest req, QueryOptions opts, CacheType type, String key, Read<T> read) {
        QueryOptions base = type.allowStale() ? opts.withConsistency(Consistency.STALE) : opts;
        String filter = opts.hasFilter() ? opts.filter() : "";
        CacheRequest<T> cacheRequest = CacheRequest.<T>of(type, key + "\u0000" + filter,
                        (minIndex, wait) -> read.read(base.withMinQueryIndex(minIndex, wait)))
                .inDatacenter(opts.datacenter())
                .withIndex(opts.minQueryIndex(), opts.minQueryIndex() > 0 ? opts.effectiveWait() : null)
                .withControl(QueryParams.cacheControl(req));
        try {
            return cache.get(cacheRequest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(500, "interrupted");
        }
    }

    /** Consul's setCacheMeta: {@code X-Cache}, and {@code Age} on a hit. */
    static Reply withCacheHeaders(Reply reply, CacheResult<?> result) {
        reply.header("X-Cache", result.hit() ? "HIT" : "MISS");
        if (result.hit()) {
            reply.header("Age", result.ageHeader());
        }
        return reply;
    }

    /** Joins a cache key's parts unambiguously. */
    static String key(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p).append('\u0001');
        }
        return b.toString();
    }
}
