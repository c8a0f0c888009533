package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a node or service runs (Consul's structs.Locality): a region and a zone, as cloud providers name them. */
public record Locality(@JsonProperty("Region") String region, @JsonProperty("Zone") String zone) {
}
