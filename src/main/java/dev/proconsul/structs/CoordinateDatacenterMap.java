package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The WAN coordinates of one datacenter's servers in one network area, as {@code /v1/coordinate/datacenters}
 * lists them. Coordinates compare only within one area; without Consul Enterprise the only area is "wan".
 */
@JsonPropertyOrder({"Datacenter", "AreaID", "Coordinates"})
public record CoordinateDatacenterMap(
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("AreaID") String areaId,
        @JsonProperty("Coordinates") List<CoordinateEntry> coordinates) {
    /** Consul's ID of the WAN area. */
    public static final String WAN_AREA = "wan";
}
