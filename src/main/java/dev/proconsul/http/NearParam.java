package dev.proconsul.http;

import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code ?near=} parameter of catalog and health reads: sort the answer by estimated round trip time from the
 * named node, {@code _agent} meaning the agent serving the request.
 */
final class NearParam {
    static final String AGENT = "_agent";

    private NearParam() {
    }

    /** The node to sort from, or null when the request asks for no sorting. */
    static String source(ApiRequest req, String agentNode) {
        String near = req.param("near");
        if (near == null || near.isEmpty()) {
            return null;
        }
        return AGENT.equals(near) ? agentNode : near;
    }

    /** {@code r} with its rows sorted by distance from the {@code near} node (unchanged without one). */
    static <T> QueryResult<List<T>> sort(ApiRequest req, String agentNode, Endpoints endpoints,
                                         QueryResult<List<T>> r, Function<T, String> nodeOf) {
        String source = source(req, agentNode);
        if (source == null || r.value() == null) {
            return r;
        }
        return new QueryResult<>(endpoints.coordinate().sortByDistance(source, r.value(), nodeOf), r.meta());
    }
}
