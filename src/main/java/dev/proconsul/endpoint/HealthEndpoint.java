package dev.proconsul.endpoint;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import java.util.List;
import java.util.Map;

/** Consul's Health endpoint: checks by node, service and state, and service instances with their checks. */
public interface HealthEndpoint {
    QueryResult<List<HealthCheck>> nodeChecks(String node, QueryOptions opts);

    QueryResult<List<HealthCheck>> serviceChecks(String service, QueryOptions opts, Map<String, String> nodeMeta);

    QueryResult<List<HealthCheck>> checksInState(String checkState, QueryOptions opts, Map<String, String> nodeMeta);

    /**
     * Instances of {@code service} with their node and checks. {@code tags}: every one must be on the instance;
     * {@code passingOnly}: drop instances with any non-passing check.
     */
    QueryResult<List<CheckServiceNode>> serviceNodes(String service, List<String> tags, boolean passingOnly,
                                                     QueryOptions opts, Map<String, String> nodeMeta);

    /**
     * As {@link #serviceNodes}, over the instances that serve Connect for {@code service}: its connect-proxies and
     * Connect-native instances (/v1/health/connect/:s).
     */
    QueryResult<List<CheckServiceNode>> connectServiceNodes(String service, List<String> tags, boolean passingOnly,
                                                            QueryOptions opts, Map<String, String> nodeMeta);

    /** Instances that serve Connect for {@code service}: its connect-proxies and Connect-native instances. */
    QueryResult<List<CheckServiceNode>> connectServiceNodes(String service, QueryOptions opts);
}
