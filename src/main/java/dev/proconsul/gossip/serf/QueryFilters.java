package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.Fields;
import dev.proconsul.gossip.GossipException;
import dev.proconsul.gossip.MsgpackWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.msgpack.value.Value;

/**
 * Serf's query filters: byte 0 + msgpack list of node names, or byte 1 + msgpack {@code {Tag, Expr}} where Expr is
 * a regular expression matched anywhere in the tag's value (Go's regexp.MatchString).
 */
final class QueryFilters {
    private static final int NODE = 0;
    private static final int TAG = 1;

    private QueryFilters() {
    }

    static List<byte[]> encode(List<String> nodes, Map<String, String> tags) {
        List<byte[]> out = new ArrayList<>();
        if (nodes != null && !nodes.isEmpty()) {
            MsgpackWriter w = new MsgpackWriter();
            w.arrayHeader(nodes.size());
            nodes.forEach(w::string);
            out.add(prefixed(NODE, w.toByteArray()));
        }
        if (tags != null) {
            for (var e : new java.util.TreeMap<>(tags).entrySet()) {
                try {
                    Pattern.compile(e.getValue());
                } catch (PatternSyntaxException ex) {
                    throw new IllegalArgumentException("bad tag filter " + e.getKey() + "=" + e.getValue() + ": "
                            + ex.getDescription());
                }
                MsgpackWriter w = new MsgpackWriter();
                w.mapHeader(2).key("Tag").string(e.getKey()).key("Expr").string(e.getValue());
                out.add(prefixed(TAG, w.toByteArray()));
            }
        }
        return out;
    }

    private static byte[] prefixed(int type, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Whether a node with this name and tags should answer; unknown or broken filters mean no. */
    static boolean matches(List<byte[]> filters, String node, Map<String, String> tags) {
        for (byte[] f : filters) {
            if (f.length < 2) {
                return false;
            }
            try {
                switch (f[0]) {
                    case NODE -> {
                        Value v = Fields.readValue(f, 1, f.length - 1);
                        if (!v.isArrayValue() || v.asArrayValue().list().stream()
                                .noneMatch(n -> n.isRawValue() && n.asRawValue().asString().equals(node))) {
                            return false;
                        }
                    }
                    case TAG -> {
                        Fields t = Fields.read(f, 1, f.length - 1);
                        String value = tags.getOrDefault(t.str("Tag"), "");
                        if (!Pattern.compile(t.str("Expr")).matcher(value).find()) {
                            return false;
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            } catch (GossipException | PatternSyntaxException e) {
                return false;
            }
        }
        return true;
    }
}
