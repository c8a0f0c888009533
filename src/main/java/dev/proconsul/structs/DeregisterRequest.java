package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of PUT /v1/catalog/deregister: the whole node, or one service, or one check of it. */
public record DeregisterRequest(
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("Node") String node,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("CheckID") String checkId) implements Command {
}
