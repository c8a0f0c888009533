package dev.proconsul.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A repeatable {@code -flag key=value} (Consul's FlagMapValue): the last value of a key wins. */
final class KeyValueFlag {
    private KeyValueFlag() {
    }

    static Map<String, String> parse(String flag, List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq < 0) {
                throw new CommandFailed("invalid value \"" + v + "\" for flag -" + flag + ": Missing \"=\" value in "
                        + "argument: " + v);
            }
            out.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return out;
    }
}
