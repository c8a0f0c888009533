package dev.proconsul.agent.cache;

/** The cached reads the HTTP API offers, named as Consul's agent/cache-types registers them. */
public final class CacheTypes {
    /** /v1/catalog/services. */
    public static final CacheType CATALOG_LIST_SERVICES = CacheType.blockingRefresh("catalog-list-services");
    /** /v1/catalog/service/:s and /v1/catalog/connect/:s. */
    public static final CacheType CATALOG_SERVICES = CacheType.blockingRefresh("catalog-services");
    /** /v1/health/service/:s and /v1/health/connect/:s. */
    public static final CacheType HEALTH_SERVICES = CacheType.blockingRefresh("health-services");
    /** /v1/agent/connect/ca/roots (always served through the cache, as Consul's agent does). */
    public static final CacheType CONNECT_CA_ROOT = CacheType.blockingRefresh("connect-ca-root").withoutStale();
    /** The intentions matching a destination, read by /v1/agent/connect/authorize. */
    public static final CacheType INTENTION_MATCH = CacheType.blockingRefresh("intention-match");
    /** /v1/query/:id/execute: simple caching, no background refresh. */
    public static final CacheType PREPARED_QUERY = CacheType.simple("prepared-query");

    private CacheTypes() {
    }
}
