package dev.proconsul.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code /v1/agent/version}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentVersion(
        @JsonProperty("SHA") String sha,
        @JsonProperty("BuildDate") String buildDate,
        @JsonProperty("HumanVersion") String humanVersion,
        @JsonProperty("FIPS") String fips) {
}
