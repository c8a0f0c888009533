package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of /v1/connect/ca/roots. */
public record IndexedCARoots(
        @JsonProperty("ActiveRootID") String activeRootId,
        @JsonProperty("TrustDomain") String trustDomain,
        @JsonProperty("Roots") List<CARoot> roots) {
}
