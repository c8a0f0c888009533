package dev.proconsul.server;

import dev.proconsul.structs.Node;
import java.util.Map;

/** The {@code ?node-meta=key:value} filters: a node matches when it carries every given pair. */
final class NodeMetaFilter {
    private NodeMetaFilter() {
    }

    static boolean matches(Node node, Map<String, String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        return node != null && matchesMeta(node.meta(), wanted);
    }

    /** Whether {@code meta} (null = none) carries every wanted pair. */
    static boolean matchesMeta(Map<String, String> have, Map<String, String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        Map<String, String> meta = have == null ? Map.of() : have;
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(meta.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
