package dev.proconsul.server;

import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.RaftNode;

/** The server-side endpoints of one server, sharing its Raft node, query runner and write path. */
public final class ServerEndpoints {
    private final QueryRunner queries;
    private final Catalog catalog;
    private final Health health;
    private final KVS kvs;
    private final Status status;
    private final ConnectCA connectCA;
    private final Snapshots snapshots;

    public ServerEndpoints(RaftNode raft, String datacenter, MetricsRegistry metrics) {
        this.queries = new QueryRunner(raft, datacenter);
        CommandWriter writer = new CommandWriter(raft, metrics);
        this.catalog = new Catalog(raft.state(), queries, writer);
        this.health = new Health(raft.state(), queries);
        this.kvs = new KVS(raft.state(), queries, writer);
        this.status = new Status(raft, queries);
        this.connectCA = new ConnectCA(raft.state(), queries);
        this.snapshots = new Snapshots(raft, queries, writer);
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
}
