package dev.proconsul.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-request options of a read. Null fields fall back to the client's defaults; build with {@link #builder()}.
 *
 * @param datacenter        the {@code dc} query parameter
 * @param token             sent as X-Consul-Token
 * @param allowStale        {@code ?stale}: any server may answer
 * @param requireConsistent {@code ?consistent}: the leader confirms leadership first
 * @param waitIndex         {@code ?index}: block until the result's index passes this (0 = don't block)
 * @param waitTime          {@code ?wait}: the longest to block, or null for the server's default
 * @param near              {@code ?near}: sort by estimated round-trip time from this node ({@code _agent} = local)
 * @param nodeMeta          {@code ?node-meta=k:v}, one parameter per entry
 * @param filter            {@code ?filter}: a filter expression
 */
public record QueryOptions(String datacenter, String token, boolean allowStale, boolean requireConsistent,
                           long waitIndex, Duration waitTime, String near, Map<String, String> nodeMeta,
                           String filter) {
    public static final QueryOptions DEFAULT = builder().build();

    public QueryOptions {
        nodeMeta = nodeMeta == null ? Map.of() : Map.copyOf(nodeMeta);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String datacenter;
        private String token;
        private boolean allowStale;
        private boolean requireConsistent;
        private long waitIndex;
        private Duration waitTime;
        private String near;
        private final Map<String, String> nodeMeta = new LinkedHashMap<>();
        private String filter;

        private Builder() {
        }

        public Builder datacenter(String datacenter) {
            this.datacenter = datacenter;
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder stale(boolean allowStale) {
            this.allowStale = allowStale;
            return this;
        }

        public Builder consistent(boolean requireConsistent) {
            this.requireConsistent = requireConsistent;
            return this;
        }

        /** Makes the read a blocking query: it returns once the index passes {@code index} or {@code wait} ends. */
        public Builder blocking(long index, Duration wait) {
            this.waitIndex = index;
            this.waitTime = wait;
            return this;
        }

        public Builder near(String near) {
            this.near = near;
            return this;
        }

        public Builder nodeMeta(String key, String value) {
            this.nodeMeta.put(key, value);
            return this;
        }

        public Builder nodeMeta(Map<String, String> meta) {
            this.nodeMeta.putAll(meta);
            return this;
        }

        public Builder filter(String filter) {
            this.filter = filter;
            return this;
        }

        public QueryOptions build() {
            return new QueryOptions(datacenter, token, allowStale, requireConsistent, waitIndex, waitTime, near,
                    nodeMeta, filter);
        }
    }
}
