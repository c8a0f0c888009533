package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A service instance registered on a node (Consul's NodeService). {@code proxy} and {@code connect} are kept as
 * generic JSON-shaped maps until the mesh issues give them types.
 */
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
        @JsonProperty("Proxy") Map<String, Object> proxy,
        @JsonProperty("Connect") Map<String, Object> connect,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {
}
