package dev.proconsul.http;

import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Weights;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A local service as /v1/agent/services and /v1/agent/service/:id show it: Consul's api.AgentService, whose
 * omitempty fields (Kind, TaggedAddresses, ContentHash, Proxy, Connect) are left out when empty.
 */
final class AgentServiceView {
    private AgentServiceView() {
    }

    static Map<String, Object> of(NodeService s, String datacenter) {
        return of(s, datacenter, null);
    }

    /** With {@code contentHash} (agent/service/:id) in its place after EnableTagOverride; null leaves it out. */
    static Map<String, Object> of(NodeService s, String datacenter, String contentHash) {
        Map<String, Object> m = new JsonStruct();
        if (s.kind() != null && !s.kind().isEmpty()) {
            m.put("Kind", s.kind());
        }
        m.put("ID", s.id());
        m.put("Service", s.service());
        m.put("Tags", s.tags() == null ? List.of() : s.tags());
        m.put("Meta", s.meta() == null ? Map.of() : s.meta());
        m.put("Port", s.port());
        m.put("Address", s.address() == null ? "" : s.address());
        if (s.taggedAddresses() != null && !s.taggedAddresses().isEmpty()) {
            m.put("TaggedAddresses", s.taggedAddresses());
        }
        m.put("Weights", s.weights() == null ? Weights.DEFAULT : s.weights());
        m.put("EnableTagOverride", s.enableTagOverride());
        if (contentHash != null) {
            m.put("ContentHash", contentHash);
        }
        if (s.proxy() != null && !s.proxy().isEmpty()) {
            m.put("Proxy", s.proxy());
        }
        if (s.connect() != null && !s.connect().isEmpty()) {
            m.put("Connect", s.connect());
        }
        m.put("Datacenter", datacenter);
        return m;
    }

    /** A short stable hash of the view, for ContentHash and ?hash= blocking. */
    static String contentHash(Map<String, Object> view) {
        try {
            byte[] json = JsonCodec.MAPPER.writeValueAsBytes(view);
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
