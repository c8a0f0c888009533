package dev.proconsul.agent;

import dev.proconsul.endpoint.CatalogEndpoint;
import dev.proconsul.endpoint.ConnectCAEndpoint;
import dev.proconsul.endpoint.CoordinateEndpoint;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.HealthEndpoint;
import dev.proconsul.endpoint.KVEndpoint;
import dev.proconsul.endpoint.PreparedQueryEndpoint;
import dev.proconsul.endpoint.ReplicaStatus;
import dev.proconsul.endpoint.SessionEndpoint;
import dev.proconsul.endpoint.OperatorEndpoint;
import dev.proconsul.endpoint.SnapshotEndpoint;
import dev.proconsul.endpoint.StatusEndpoint;
import dev.proconsul.endpoint.TxnEndpoint;
import dev.proconsul.structs.EndpointException;
import java.lang.reflect.Proxy;

/**
 * The endpoints of a client agent until RPC forwarding arrives: every call fails with Consul's "No known Consul
 * servers" (a 500), as a client with no server to reach answers. One proxy per interface, so that a new endpoint
 * method needs nothing here.
 */
public final class NoKnownServers implements Endpoints {
    public static final String MESSAGE = "No known Consul servers";

    private final KVEndpoint kv = failing(KVEndpoint.class);
    private final CatalogEndpoint catalog = failing(CatalogEndpoint.class);
    private final HealthEndpoint health = failing(HealthEndpoint.class);
    private final SessionEndpoint session = failing(SessionEndpoint.class);
    private final TxnEndpoint txn = failing(TxnEndpoint.class);
    private final StatusEndpoint status = failing(StatusEndpoint.class);
    private final CoordinateEndpoint coordinate = failing(CoordinateEndpoint.class);
    private final ConnectCAEndpoint connectCA = failing(ConnectCAEndpoint.class);
    private final SnapshotEndpoint snapshot = failing(SnapshotEndpoint.class);
    private final PreparedQueryEndpoint preparedQuery = failing(PreparedQueryEndpoint.class);
    private final OperatorEndpoint operator = failing(OperatorEndpoint.class);
    private final ReplicaStatus replica = failing(ReplicaStatus.class);

    private static <T> T failing(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "toString" -> "NoKnownServers(" + type.getSimpleName() + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new EndpointException(EndpointException.Kind.INTERNAL, MESSAGE);
                }));
    }

    @Override
    public KVEndpoint kv() {
        return kv;
    }

    @Override
    public CatalogEndpoint catalog() {
        return catalog;
    }

    @Override
    public HealthEndpoint health() {
        return health;
    }

    @Override
    public SessionEndpoint session() {
        return session;
    }

    @Override
    public TxnEndpoint txn() {
        return txn;
    }

    @Override
    public StatusEndpoint status() {
        return status;
    }

    @Override
    public CoordinateEndpoint coordinate() {
        return coordinate;
    }

    @Override
    public ConnectCAEndpoint connectCA() {
        return connectCA;
    }

    @Override
    public SnapshotEndpoint snapshot() {
        return snapshot;
    }

    @Override
    public ReplicaStatus replica() {
        return replica;
    }

    @Override
    public PreparedQueryEndpoint preparedQuery() {
        return preparedQuery;
    }

    @Override
    public OperatorEndpoint operator() {
        return operator;
    }
}
