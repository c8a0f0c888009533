package dev.proconsul.endpoint;

/**
 * Every endpoint group of one server, as the edges receive them. On a server agent this is its {@code Server};
 * on a client agent, an implementation that answers every call with "No known Consul servers".
 */
public interface Endpoints {
    KVEndpoint kv();

    CatalogEndpoint catalog();

    HealthEndpoint health();

    SessionEndpoint session();

    TxnEndpoint txn();

    StatusEndpoint status();

    CoordinateEndpoint coordinate();

    ConnectCAEndpoint connectCA();

    SnapshotEndpoint snapshot();

    PreparedQueryEndpoint preparedQuery();

    OperatorEndpoint operator();

    /** This server's own replica (agent/self stats, the DNS cache stamp). */
    ReplicaStatus replica();
}
