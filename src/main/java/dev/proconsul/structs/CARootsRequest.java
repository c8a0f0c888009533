package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Installs the Connect CA state: the cluster ID (trust domain is {@code <clusterId>.consul}), the roots, and the
 * active root's PEM private key, which the state store keeps but never returns through the roots read.
 */
public record CARootsRequest(
        @JsonProperty("ClusterID") String clusterId,
        @JsonProperty("Roots") List<CARoot> roots,
        @JsonProperty("PrivateKey") String privateKeyPem) implements Command {
}
