package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.IndexedCARoots;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.ConnectCAEndpoint;
import dev.proconsul.server.leader.CaInitializer;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.Indexed;
import java.util.List;

/**
 * Consul's ConnectCA endpoint (the read side: roots). With Connect off it refuses as Consul's does (a 500 with
 * "Connect must be enabled in order to use this endpoint"); the first root is in place before the leader is ready.
 */
public final class ConnectCA implements ConnectCAEndpoint {
    private final StateStore state;
    private final QueryRunner queries;
    private final CaInitializer initializer;

    public ConnectCA(StateStore state, QueryRunner queries, CaInitializer initializer) {
        this.state = state;
        this.queries = queries;
        this.initializer = initializer;
    }

    /** Consul's ErrConnectNotEnabled. */
    public static final String CONNECT_NOT_ENABLED = "Connect must be enabled in order to use this endpoint";

    /** The trusted roots; empty until the leader installs a CA. */
    public QueryResult<IndexedCARoots> roots(QueryOptions opts) {
        if (!initializer.enabled()) {
            throw new EndpointException(EndpointException.Kind.INTERNAL, CONNECT_NOT_ENABLED);
        }
        return queries.run(opts, ws -> {
            Indexed<CARoots> r = state.caRoots(ws);
            CARoots roots = r.value();
            if (roots == null) {
                return new Indexed<>(r.index(), new IndexedCARoots("", "", List.of()));
            }
            return new Indexed<>(r.index(), new IndexedCARoots(
                    roots.activeRootId() == null ? "" : roots.activeRootId(),
                    roots.trustDomain() == null ? "" : roots.trustDomain(),
                    roots.roots() == null ? List.of() : roots.roots()));
        });
    }
}
