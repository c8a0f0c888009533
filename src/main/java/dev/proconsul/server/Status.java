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

    public Status(RaftNode raft, QueryRunner queries) {
        this.raft = raft;
        this.queries = queries;
    }

    /** The leader's "ip:port", or "" when there is none (Consul answers an empty string). */
    @Override
    public String leader(String datacenter) {
        queries.checkDatacenter(datacenter);
        return raft.leaderAddress().orElse("");
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
