package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import java.util.List;

/** Health: {@code /v1/health/...}. Every read can block with {@link QueryOptions.Builder#blocking}. */
public final class HealthClient {
    /** The check states {@link #state} accepts; "any" lists every check. */
    public static final List<String> STATES = List.of("any", "passing", "warning", "critical", "maintenance");

    private static final TypeReference<List<CheckServiceNode>> ENTRIES = new TypeReference<>() {
    };
    private static final TypeReference<List<HealthCheck>> CHECKS = new TypeReference<>() {
    };

    private final ConsulHttp http;

    HealthClient(ConsulHttp http) {
        this.http = http;
    }

    /**
     * The instances of a service with their node and checks.
     *
     * @param tags        only instances carrying all of these tags (empty for all)
     * @param passingOnly only instances whose checks all pass
     */
    public QueryResult<List<CheckServiceNode>> service(String name, List<String> tags, boolean passingOnly,
                                                       QueryOptions opts) {
        Query q = new Query();
        for (String t : tags == null ? List.<String>of() : tags) {
            q.add("tag", t);
        }
        if (passingOnly) {
            q.flag("passing");
        }
        return get("/v1/health/service/" + name, q, opts, ENTRIES);
    }

    /** The checks of every instance of a service. */
    public QueryResult<List<HealthCheck>> checks(String service, QueryOptions opts) {
        return get("/v1/health/checks/" + service, new Query(), opts, CHECKS);
    }

    /** The checks in one state ({@link #STATES}). */
    public QueryResult<List<HealthCheck>> state(String state, QueryOptions opts) {
        return get("/v1/health/state/" + state, new Query(), opts, CHECKS);
    }

    /** The checks of one node. */
    public QueryResult<List<HealthCheck>> node(String node, QueryOptions opts) {
        return get("/v1/health/node/" + node, new Query(), opts, CHECKS);
    }

    private <T> QueryResult<List<T>> get(String path, Query q, QueryOptions opts, TypeReference<List<T>> type) {
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.require("GET", path, q, null, opts.token());
        List<T> value = ConsulHttp.decode(r, type);
        return new QueryResult<>(value == null ? List.of() : value, ConsulHttp.meta(r));
    }
}
