package dev.proconsul.agent;

import java.util.Map;

/**
 * How a server agent's Raft group is formed. Until server RPC and bootstrap_expect discovery over gossip arrive
 * (the cluster issue, which replaces this), a server bootstraps alone; the composition root may instead name the
 * initial voters up front, as in-JVM test clusters do. Not reachable from the configuration on purpose.
 *
 * @param initialVoters node ID → server RPC address ("host:port") of every initial voter, this server included;
 *                      empty to bootstrap alone
 */
public record RaftFormation(Map<String, String> initialVoters) {
    public RaftFormation {
        initialVoters = Map.copyOf(initialVoters);
    }

    /** A single server bootstrapping its own group (what every server agent does today). */
    public static RaftFormation alone() {
        return new RaftFormation(Map.of());
    }

    /** A group of voters known up front, by node ID. */
    public static RaftFormation staticVoters(Map<String, String> voters) {
        return new RaftFormation(voters);
    }
}
