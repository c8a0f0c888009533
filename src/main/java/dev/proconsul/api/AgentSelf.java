package dev.proconsul.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.structs.Member;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v1/agent/self}. The document is large and grows between versions, so the raw JSON is kept and the parts
 * callers commonly need are decoded on demand.
 */
public record AgentSelf(JsonNode raw) {

    /** The "Config" section (Datacenter, NodeName, NodeID, Server, Version, ...). */
    public JsonNode config() {
        return raw.path("Config");
    }

    /** The agent's own gossip member entry, or null if absent. */
    public Member member() {
        JsonNode m = raw.get("Member");
        if (m == null || m.isNull()) {
            return null;
        }
        return ConsulHttp.JSON.convertValue(m, Member.class);
    }

    /** The "Stats" section: section name (agent, build, consul, raft, runtime, serf_lan, ...) to key/value text. */
    public Map<String, Map<String, String>> stats() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        JsonNode stats = raw.path("Stats");
        for (Iterator<Map.Entry<String, JsonNode>> it = stats.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = section.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
            out.put(section.getKey(), values);
        }
        return out;
    }

    /** Whether the "Stats" section is present at all. */
    public boolean hasStats() {
        return raw.has("Stats") && raw.get("Stats").isObject();
    }

    /** The node's metadata ("Meta"). */
    public Map<String, String> meta() {
        Map<String, String> out = new LinkedHashMap<>();
        raw.path("Meta").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
