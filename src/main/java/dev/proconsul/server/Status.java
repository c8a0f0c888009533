package dev.proconsul.server;

import dev.proconsul.raft.RaftNode;
import java.util.List;

/** Consul's Status endpoint: who leads and who votes. */
public final class Status {
    private final RaftNode raft;
    private final QueryRunner queries;

    public Status(RaftNode raft, QueryRunner queries) {
        this.raft = raft;
        this.queries = queries;
    }

    /** The leader's "ip:port", or "" when there is none (Consul answers an empty string). */
    public String leader(String datacenter) {
        queries.checkDatacenter(datacenter);
        return raft.leaderAddress().orElse("");
    }

    public List<String> peers(String datacenter) {
        queries.checkDatacenter(datacenter);
        return raft.peers();
    }
}
