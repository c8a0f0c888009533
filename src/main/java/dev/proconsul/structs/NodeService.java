package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A service instance registered on a node (Consul's NodeService). */
public record NodeService(
        @JsonProperty("Kind") String kind,
        @JsonProperty("ID") String id,
        @JsonProperty("Service") String service,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Address") String address,
        @JsonProperty("TaggedAddresses") Map<String, Object> taggedAddresses,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Port") int port,
        @JsonProperty("Weights") Weights weights,
        @JsonProperty("EnableTagOverride") boolean enableTagOverride,
        @JsonProperty("Proxy") Proxy proxy,
        @JsonProperty("Connect") ServiceConnect connect,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static final String CONNECT_PROXY = "connect-proxy";

    public static Builder builder(String id, String service) {
        return new Builder(id, service);
    }

    public Builder toBuilder() {
        return new Builder(id, service).kind(kind).tags(tags).address(address).taggedAddresses(taggedAddresses)
                .meta(meta).port(port).weights(weights).enableTagOverride(enableTagOverride).proxy(proxy)
                .connect(connect).indexes(createIndex, modifyIndex);
    }

    public NodeService withTags(List<String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    public NodeService withIndexes(long create, long modify) {
        return toBuilder().indexes(create, modify).build();
    }

    /** Builds a NodeService; what is not set is absent (null), 0 or false, as in a registration that omits it. */
    public static final class Builder {
        private String kind;
        private final String id;
        private final String service;
        private List<String> tags;
        private String address;
        private Map<String, Object> taggedAddresses;
        private Map<String, String> meta;
        private int port;
        private Weights weights;
        private boolean enableTagOverride;
        private Proxy proxy;
        private ServiceConnect connect;
        private long createIndex;
        private long modifyIndex;

        private Builder(String id, String service) {
            this.id = id;
            this.service = service;
        }

        public Builder kind(String v) {
            kind = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public Builder address(String v) {
            address = v;
            return this;
        }

        public Builder taggedAddresses(Map<String, Object> v) {
            taggedAddresses = v;
            return this;
        }

        public Builder meta(Map<String, String> v) {
            meta = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder weights(Weights v) {
            weights = v;
            return this;
        }

        public Builder enableTagOverride(boolean v) {
            enableTagOverride = v;
            return this;
        }

        public Builder proxy(Proxy v) {
            proxy = v;
            return this;
        }

        public Builder connect(ServiceConnect v) {
            connect = v;
            return this;
        }

        public Builder indexes(long create, long modify) {
            createIndex = create;
            modifyIndex = modify;
            return this;
        }

        public NodeService build() {
            return new NodeService(kind, id, service, tags, address, taggedAddresses, meta, port, weights,
                    enableTagOverride, proxy, connect, createIndex, modifyIndex);
        }
    }
}
