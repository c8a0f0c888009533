package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Writes a batch of node coordinates in one Raft entry, as Consul's servers do every coordinate update period.
 * Entries for nodes the catalog does not know are skipped (their coordinate would be removed with the node
 * anyway), and a later entry for the same node and segment wins.
 */
public record CoordinateBatchUpdateRequest(@JsonProperty("Updates") List<CoordinateEntry> updates)
        implements Command {
    public CoordinateBatchUpdateRequest {
        updates = updates == null ? List.of() : List.copyOf(updates);
    }
}
