package dev.proconsul.server;

import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.server.leader.SessionTimers;
import java.time.Duration;

/**
 * The server-side endpoints of one server, sharing its Raft node, query runner and write path. Owns the leader's
 * session TTL timers, so {@link #close()} it when the server stops.
 */
public final class ServerEndpoints implements AutoCloseable {
    private final QueryRunner queries;
    private final Catalog catalog;
    private final Health health;
    private final KVS kvs;
    private final Status status;
    private final ConnectCA connectCA;
    private final Snapshots snapshots;
    private final SessionTimers sessionTimers;
    private final Sessions sessions;
    private final Transactions transactions;
    private final Coordinates coordinates;
    private final PreparedQueries preparedQueries;

    public ServerEndpoints(RaftNode raft, String datacenter, MetricsRegistry metrics) {
        this(raft, datacenter, metrics, Sessions.DEFAULT_TTL_MIN);
    }

    /** @param sessionTtlMin the shortest session TTL accepted (the agent's session_ttl_min) */
    public ServerEndpoints(RaftNode raft, String datacenter, MetricsRegistry metrics, Duration sessionTtlMin) {
        this.queries = new QueryRunner(raft, datacenter);
        CommandWriter writer = new CommandWriter(raft, metrics);
        this.catalog = new Catalog(raft.state(), queries, writer);
        this.health = new Health(raft.state(), queries);
        this.kvs = new KVS(raft.state(), queries, writer);
        this.status = new Status(raft, queries);
        this.connectCA = new ConnectCA(raft.state(), queries);
                this.sessionTimers = new SessionTimers(raft);
        this.sessions = new Sessions(raft, queries, writer, sessionTimers, sessionTtlMin);
        this.transactions = new Transactions(raft.state(), queries, writer);
        this.snapshots = new Snapshots(raft, queries, writer, sessionTimers::resetAll);
        this.coordinates = new Coordinates(raft.state(), queries, writer, raft::isLeader);
        this.preparedQueries = new PreparedQueries(raft.state(), queries, writer, health, coordinates);
        sessionTimers.start();
    }

    public QueryRunner queries() {
        return queries;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Health health() {
        return health;
    }

    public KVS kvs() {
        return kvs;
    }

    public Status status() {
        return status;
    }

    public ConnectCA connectCA() {
        return connectCA;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Transactions transactions() {
        return transactions;
    }

    public Coordinates coordinates() {
        return coordinates;
    }

    public PreparedQueries preparedQueries() {
        return preparedQueries;
    }

    /** The leader's session TTL timers. */
    public SessionTimers sessionTimers() {
        return sessionTimers;
    }

    @Override
    public void close() {
        coordinates.close();
        sessionTimers.close();
    }
}
