package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** DNS SRV weights of a service instance; Consul defaults both to 1. */
public record Weights(@JsonProperty("Passing") int passing, @JsonProperty("Warning") int warning) {
    public static final Weights DEFAULT = new Weights(1, 1);
}
