package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code /v1/operator/autopilot/state}: Consul's {@code api.AutopilotState} (Enterprise-only fields left out). */
public record AutopilotState(
        @JsonProperty("Healthy") boolean healthy,
        @JsonProperty("FailureTolerance") int failureTolerance,
        @JsonProperty("OptimisticFailureTolerance") int optimisticFailureTolerance,
        @JsonProperty("Servers") Map<String, Server> servers,
        @JsonProperty("Leader") String leader,
        @JsonProperty("Voters") List<String> voters) {

    /** Consul's {@code api.AutopilotServer}. */
    public record Server(
            @JsonProperty("ID") String id,
            @JsonProperty("Name") String name,
            @JsonProperty("Address") String address,
            @JsonProperty("NodeStatus") String nodeStatus,
            @JsonProperty("Version") String version,
            @JsonProperty("LastContact") String lastContact,
            @JsonProperty("LastTerm") long lastTerm,
            @JsonProperty("LastIndex") long lastIndex,
            @JsonProperty("Healthy") boolean healthy,
            @JsonProperty("StableSince") String stableSince,
            @JsonProperty("ReadReplica") boolean readReplica,
            @JsonProperty("Status") String status,
            @JsonProperty("Meta") Map<String, String> meta,
            @JsonProperty("NodeType") String nodeType) {
    }
}
