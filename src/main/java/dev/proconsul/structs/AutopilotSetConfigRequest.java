package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Stores the autopilot configuration. With {@code cas}, only if the stored one's ModifyIndex equals
 * {@code config.modifyIndex()} (0: only if none is stored yet); the result says whether it was stored.
 */
public record AutopilotSetConfigRequest(
        @JsonProperty("Config") AutopilotConfig config,
        @JsonProperty("CAS") boolean cas) implements Command {
}
