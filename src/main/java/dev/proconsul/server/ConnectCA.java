package dev.proconsul.server;

import dev.proconsul.structs.IndexedCARoots;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.ConnectCAEndpoint;
import dev.proconsul.server.leader.CaInitializer;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.Indexed;
import java.util.List;

/** Consul's ConnectCA endpoint (the read side: roots); on the leader, reads wait briefly for the first root. */
public final class ConnectCA implements ConnectCAEndpoint {
    private final StateStore state;
    private final QueryRunner queries;
    private final CaInitializer initializer;

    public ConnectCA(StateStore state, QueryRunner queries, CaInitializer initializer) {
        this.state = state;
        this.queries = queries;
        this.initializer = initializer;
    }

    /** The trusted roots; empty until the agent installs a CA. */
    public QueryResult<IndexedCARoots> roots(QueryOptions opts) {
        initializer.awaitOnLeader(CaInitializer.MAX_WAIT_MILLIS);
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
