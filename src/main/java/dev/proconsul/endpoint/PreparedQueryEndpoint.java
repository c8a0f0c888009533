package dev.proconsul.endpoint;

import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQueryExecuteResponse;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import java.util.List;

/** Consul's PreparedQuery endpoint: stored queries, resolved by ID, exact name or template prefix, and executed. */
public interface PreparedQueryEndpoint {
    /** Consul's answer for an unknown query (404 at the edge). */
    String QUERY_NOT_FOUND = "Query not found";

    /** The node Consul's {@code Near} names to sort from the agent that asked. */
    String NEAR_AGENT = "_agent";

    /**
     * Who executes a query and how: {@code limit} (0 = all), {@code connect} (Connect endpoints only), {@code near}
     * (the {@code ?near=} node; overrides the query's own Near), and the asking agent's node and segment.
     */
    record Execution(int limit, boolean connect, String near, String agentNode, String agentSegment) {
        public static Execution byAgent(String agentNode) {
            return new Execution(0, false, "", agentNode, "");
        }
    }

    /** Stores a new query; returns the ID the server chose. */
    String create(String datacenter, PreparedQuery query);

    void update(String datacenter, String id, PreparedQuery query);

    void delete(String datacenter, String id);

    QueryResult<List<PreparedQuery>> get(String id, QueryOptions opts);

    QueryResult<List<PreparedQuery>> list(QueryOptions opts);

    /** The query {@code idOrName} resolves to, with a template rendered for that name. */
    QueryResult<PreparedQuery> explain(String idOrName, Execution how, QueryOptions opts);

    /** Runs the query; null when none resolves (the edges answer "Query not found"). */
    QueryResult<PreparedQueryExecuteResponse> execute(String idOrName, Execution how, QueryOptions opts);
}
