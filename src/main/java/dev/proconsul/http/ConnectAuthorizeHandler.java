package dev.proconsul.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.proconsul.agent.cache.CacheResult;
import dev.proconsul.agent.cache.CacheTypes;
import dev.proconsul.connect.SpiffeId;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryMeta;
import dev.proconsul.structs.QueryResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * POST /v1/agent/connect/authorize: whether a client certificate may connect to a target service. Intentions are
 * not built yet and ACLs are off, so no intention ever matches and the answer is Consul's default under
 * default-allow ACLs. The intention match goes through the agent cache, as Consul's does ({@code X-Cache}).
 */
final class ConnectAuthorizeHandler implements HandlerGroup {
    static final String DEFAULT_REASON = "Default behavior configured by ACLs";

    private final CachedReads cached;

    ConnectAuthorizeHandler(CachedReads cached) {
        this.cached = cached;
    }

    /** The request body (Consul's ConnectAuthorizeRequest). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthorizeRequest(@JsonProperty("Target") String target,
                            @JsonProperty("ClientCertURI") String clientCertUri,
                            @JsonProperty("ClientCertSerial") String clientCertSerial) {
    }

    /** The answer (Consul's connectAuthorizeResp). */
    @JsonPropertyOrder({"Authorized", "Reason"})
    record Authorization(@JsonProperty("Authorized") boolean authorized, @JsonProperty("Reason") String reason) {
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/agent/connect/authorize", Set.of("POST"), this::authorize);
    }

    private Reply authorize(ApiRequest req) throws Exception {
        AuthorizeRequest body = JsonCodec.decodeBody(CatalogHandler.readBody(req), AuthorizeRequest.class);
        if (body.target() == null || body.target().isEmpty()) {
            throw HttpError.badRequest("Target service must be specified");
        }
        SpiffeId client;
        try {
            client = SpiffeId.parse(body.clientCertUri());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("ClientCertURI not a valid Connect identifier");
        }
        if (client.kind() != SpiffeId.Kind.SERVICE) {
            throw HttpError.badRequest("ClientCertURI not a valid Service identifier");
        }
        if (!client.partitionOrDefault().equals("default")) {
            throw HttpError.badRequest("Mismatched partitions: \"" + client.partitionOrDefault()
                    + "\" != \"default\"");
        }
        CacheResult<List<Object>> matches = cached.lookup(req, QueryParams.queryOptions(req),
                CacheTypes.INTENTION_MATCH, CachedReads.key(body.target()),
                opts -> noIntentions(opts.minQueryIndex(), opts.effectiveWait()));
        // No intention matched: the default, which with ACLs off is allow.
        return CachedReads.withCacheHeaders(Reply.json(new Authorization(true, DEFAULT_REASON)), matches);
    }

    /** The intentions matching a destination: none exist yet, so a blocking read only waits out its time. */
    private static QueryResult<List<Object>> noIntentions(long minIndex, Duration wait) {
        if (minIndex > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpError(500, "interrupted");
            }
        }
        return new QueryResult<>(List.of(), new QueryMeta(1, true, 0, Consistency.STALE));
    }
}
