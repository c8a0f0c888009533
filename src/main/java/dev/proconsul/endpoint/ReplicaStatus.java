package dev.proconsul.endpoint;

import java.util.Optional;

/**
 * What the local server's replica knows of itself, for /v1/agent/self's stats and for DNS (which serves from the
 * local replica and versions its answer cache by it). Local by nature: a remote implementation has none.
 */
public interface ReplicaStatus {
    boolean isLeader();

    /** The leader's server RPC address, if one is known. */
    Optional<String> leaderAddress();

    /** Milliseconds since this server last heard from the leader; 0 on the leader. */
    long lastContactMillis();

    /** The highest index applied to the local store. */
    long appliedIndex();

    /** How many voters there are, this server included. */
    int voters();

    /** A stamp that changes whenever the local catalog (nodes, services, checks) changes. */
    long catalogVersion();
}
