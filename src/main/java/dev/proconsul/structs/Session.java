package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A session (Consul's Session): a lease tied to a node and some of its health checks, and optionally to a TTL.
 * {@code lockDelay} is in nanoseconds (Go's time.Duration, which is how Consul writes it); {@code checks} is the
 * pre-1.7 name for node checks, kept only when a client sent something besides the default.
 */
public record Session(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Node") String node,
        @JsonProperty("LockDelay") long lockDelay,
        @JsonProperty("Behavior") String behavior,
        @JsonProperty("TTL") String ttl,
        @JsonProperty("NodeChecks") List<String> nodeChecks,
        @JsonProperty("ServiceChecks") List<ServiceCheck> serviceChecks,
        @JsonProperty("Checks") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> checks,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static final String RELEASE = "release";
    public static final String DELETE = "delete";
    /** The check every session is bound to unless told otherwise: the node's gossip health. */
    public static final String SERF_HEALTH = "serfHealth";
    /** Consul's default lock-delay. */
    public static final long DEFAULT_LOCK_DELAY_NANOS = 15_000_000_000L;
    /** Lock-delays above this are cut to it when applied (Consul's MaxLockDelay). */
    public static final long MAX_LOCK_DELAY_NANOS = 60_000_000_000L;

    /** A service check a session is bound to (by check ID on the session's node). */
    public record ServiceCheck(@JsonProperty("ID") String id,
                               @JsonProperty("Namespace") @JsonInclude(JsonInclude.Include.NON_EMPTY) String namespace) {
    }

    /** Every check ID the session depends on: legacy Checks, NodeChecks and ServiceChecks, without repeats. */
    public List<String> allCheckIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (checks != null) {
            ids.addAll(checks);
        }
        if (nodeChecks != null) {
            ids.addAll(nodeChecks);
        }
        if (serviceChecks != null) {
            for (ServiceCheck sc : serviceChecks) {
                if (sc != null && sc.id() != null) {
                    ids.add(sc.id());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    public Session withId(String newId) {
        return new Session(newId, name, node, lockDelay, behavior, ttl, nodeChecks, serviceChecks, checks,
                createIndex, modifyIndex);
    }

    public Session withIndexes(long create, long modify) {
        return new Session(id, name, node, lockDelay, behavior, ttl, nodeChecks, serviceChecks, checks, create,
                modify);
    }
}
