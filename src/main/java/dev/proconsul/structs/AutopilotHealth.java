package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code /v1/operator/autopilot/health}: Consul's {@code OperatorHealthReply}. */
public record AutopilotHealth(
        @JsonProperty("Healthy") boolean healthy,
        @JsonProperty("FailureTolerance") int failureTolerance,
        @JsonProperty("Servers") List<Server> servers) {

    /** Consul's {@code ServerHealth}. */
    public record Server(
            @JsonProperty("ID") String id,
            @JsonProperty("Name") String name,
            @JsonProperty("Address") String address,
            @JsonProperty("SerfStatus") String serfStatus,
            @JsonProperty("Version") String version,
            @JsonProperty("Leader") boolean leader,
            @JsonProperty("LastContact") String lastContact,
            @JsonProperty("LastTerm") long lastTerm,
            @JsonProperty("LastIndex") long lastIndex,
            @JsonProperty("Healthy") boolean healthy,
            @JsonProperty("Voter") boolean voter,
            @JsonProperty("StableSince") String stableSince) {
    }
}
