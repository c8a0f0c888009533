package dev.proconsul.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consul's repeatable {@code -node-meta key=value} flag of the catalog commands. */
final class MetaFlag {
    private MetaFlag() {
    }

    static Map<String, String> parse(List<String> values) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq < 0) {
                throw new CommandFailed("invalid value \"" + v + "\" for flag -node-meta: Missing \"=\" value in "
                        + "argument: " + v);
            }
            meta.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return meta;
    }
}
