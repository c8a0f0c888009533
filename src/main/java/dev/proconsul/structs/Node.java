package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A catalog node, with Consul's JSON field names. */
public record Node(
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {
}
