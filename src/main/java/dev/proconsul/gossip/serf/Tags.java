package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.Fields;
import dev.proconsul.gossip.GossipException;
import dev.proconsul.gossip.MsgpackWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.msgpack.value.Value;

/**
 * Serf's encoding of tags into memberlist node meta: the magic byte 255 then a msgpack map of strings. Meta
 * without the magic byte comes from Serf's oldest protocol, where the whole meta was the node's role.
 */
final class Tags {
    static final int MAGIC = 255;

    private Tags() {
    }

    static byte[] encode(Map<String, String> tags) {
        MsgpackWriter w = new MsgpackWriter();
        Map<String, String> sorted = new TreeMap<>(tags);
        w.mapHeader(sorted.size());
        sorted.forEach((k, v) -> w.string(k).string(v));
        byte[] body = w.toByteArray();
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) MAGIC;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static Map<String, String> decode(byte[] meta) {
        Map<String, String> tags = new TreeMap<>();
        if (meta == null || meta.length == 0 || (meta[0] & 0xff) != MAGIC) {
            tags.put("role", meta == null ? "" : new String(meta, StandardCharsets.UTF_8));
            return tags;
        }
        try {
            Value v = Fields.readValue(meta, 1, meta.length - 1);
            if (!v.isMapValue()) {
                return tags;
            }
            for (var e : v.asMapValue().map().entrySet()) {
                if (e.getKey().isRawValue() && e.getValue().isRawValue()) {
                    tags.put(e.getKey().asRawValue().asString(), e.getValue().asRawValue().asString());
                }
            }
        } catch (GossipException e) {
            // undecodable tags: treat as none rather than dropping the member
        }
        return tags;
    }
}
