package dev.proconsul.structs;

import java.util.List;

/** The CA state as reads see it; the signing key is kept for the leaf-signing issue and is never serialised. */
public record CARoots(String clusterId, String activeRootId, List<CARoot> roots,
                      @com.fasterxml.jackson.annotation.JsonIgnore String privateKeyPem) {
    public String trustDomain() {
        return clusterId == null ? null : clusterId + ".consul";
    }
}
