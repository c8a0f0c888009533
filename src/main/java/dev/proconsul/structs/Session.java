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

    /** A session named only by its ID: what a destroy command carries. */
    public static Session idOnly(String id) {
        return builder().id(id).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().id(id).name(name).node(node).lockDelay(lockDelay).behavior(behavior).ttl(ttl)
                .nodeChecks(nodeChecks).serviceChecks(serviceChecks).checks(checks).indexes(createIndex, modifyIndex);
    }

    public Session withId(String newId) {
        return toBuilder().id(newId).build();
    }

    public Session withIndexes(long create, long modify) {
        return toBuilder().indexes(create, modify).build();
    }

    /** Builds a Session; what is not set is null or 0, as in a request that leaves it out. */
    public static final class Builder {
        private String id;
        private String name;
        private String node;
        private long lockDelay;
        private String behavior;
        private String ttl;
        private List<String> nodeChecks;
        private List<ServiceCheck> serviceChecks;
        private List<String> checks;
        private long createIndex;
        private long modifyIndex;

        private Builder() {
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder node(String v) {
            node = v;
            return this;
        }

        public Builder lockDelay(long nanos) {
            lockDelay = nanos;
            return this;
        }

        public Builder behavior(String v) {
            behavior = v;
            return this;
        }

        public Builder ttl(String v) {
            ttl = v;
            return this;
        }

        public Builder nodeChecks(List<String> v) {
            nodeChecks = v;
            return this;
        }

        public Builder serviceChecks(List<ServiceCheck> v) {
            serviceChecks = v;
            return this;
        }

        /** The pre-1.7 Checks field. */
        public Builder checks(List<String> v) {
            checks = v;
            return this;
        }

        public Builder indexes(long create, long modify) {
            createIndex = create;
            modifyIndex = modify;
            return this;
        }

        public Session build() {
            return new Session(id, name, node, lockDelay, behavior, ttl, nodeChecks, serviceChecks, checks,
                    createIndex, modifyIndex);
        }
    }
}
