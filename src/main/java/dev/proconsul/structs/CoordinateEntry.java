package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A node's LAN coordinate in one network segment, as {@code /v1/coordinate/nodes} lists it and as the update body
 * carries it. Segment "" is the default segment (the only one without Consul Enterprise).
 */
@JsonPropertyOrder({"Node", "Segment", "Coord"})
public record CoordinateEntry(
        @JsonProperty("Node") String node,
        @JsonProperty("Segment") String segment,
        @JsonProperty("Coord") Coordinate coord) {

    public CoordinateEntry {
        segment = segment == null ? "" : segment;
    }
}
