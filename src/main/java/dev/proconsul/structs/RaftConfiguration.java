package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code /v1/operator/raft/configuration}: the Raft peer set and the index of the configuration entry. */
public record RaftConfiguration(
        @JsonProperty("Servers") List<Server> servers,
        @JsonProperty("Index") long index) {

    /** One peer, as Consul 1.21's {@code structs.RaftServer}. */
    public record Server(
            @JsonProperty("ID") String id,
            @JsonProperty("Node") String node,
            @JsonProperty("Address") String address,
            @JsonProperty("Leader") boolean leader,
            @JsonProperty("ProtocolVersion") String protocolVersion,
            @JsonProperty("Voter") boolean voter,
            @JsonProperty("LastIndex") long lastIndex) {
    }
}
