package dev.proconsul.server;

import dev.proconsul.endpoint.ReplicaStatus;
import dev.proconsul.endpoint.StatusEndpoint;
import dev.proconsul.raft.RaftNode;
import java.util.List;
import java.util.Optional;

/** Consul's Status endpoint (who leads and who votes), and this server's view of its own replica. */
public final class Status implements StatusEndpoint, ReplicaStatus {
    private final RaftNode raft;
    private final QueryRunner queries;
    private final LeaderGate gate;

    public Status(RaftNode raft, QueryRunner queries) {
        this(raft, queries, LeaderGate.ofLeadership(raft));
    }

    Status(RaftNode raft, QueryRunner queries, LeaderGate gate) {
        this.raft = raft;
        this.queries = queries;
        this.gate = gate;
    }

    /**
     * The leader's "ip:port", or "" when there is none (Consul answers an empty string). This server names itself
     * only once its leader duties are established: harnesses take a named leader as "ready", and requests made
     * then must not fail because the server is not yet in the catalog.
     */
    @Override
    public String leader(String datacenter) {
        queries.checkDatacenter(datacenter);
        return gate.leaderAddress().orElse("");
    }

    @Override
    public List<String> peers(String datacenter) {
        queries.checkDatacenter(datacenter);
        return raft.peers();
    }

    @Override
    public boolean isLeader() {
        return raft.isLeader();
    }

    @Override
    public Optional<String> leaderAddress() {
        return raft.leaderAddress();
    }

    @Override
    public long lastContactMillis() {
        return raft.lastContactMillis();
    }

    @Override
    public long appliedIndex() {
        return raft.state().lastIndex();
    }

    @Override
    public int voters() {
        return raft.peers().size();
    }

    @Override
    public long catalogVersion() {
        return raft.state().catalogVersion();
    }
}
