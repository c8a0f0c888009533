package dev.proconsul.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.CARoot;
import java.util.List;

/** Body of /v1/connect/ca/roots. */
public record IndexedCARoots(
        @JsonProperty("ActiveRootID") String activeRootId,
        @JsonProperty("TrustDomain") String trustDomain,
        @JsonProperty("Roots") List<CARoot> roots) {
}
