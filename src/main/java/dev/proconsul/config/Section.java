package dev.proconsul.config;

import java.time.Duration;
import java.util.List;

/**
 * One object of the merged config tree with its dotted path ("acl.tokens"), so that a section reads its keys with
 * Consul's defaults and reports a bad value as {@code file:line: acl.tokens.agent: expected a string}. An absent
 * section reads as empty: every key takes its default.
 */
public final class Section {
    private final ObjectNode obj;
    private final String path;

    private Section(ObjectNode obj, String path) {
        this.obj = obj;
        this.path = path;
    }

    /** The top-level object {@code key} of the merged tree (empty when absent). */
    public static Section of(ObjectNode root, String key) throws ConfigException {
        return root.has(key) ? new Section(ValueReader.object(root.get(key), key), key) : empty(key);
    }

    /** The merged tree itself, for sections whose keys sit at the top level (legacy spellings). */
    public static Section root(ObjectNode root) {
        return new Section(root, "");
    }

    private static Section empty(String path) {
        return new Section(new ObjectNode(Position.unknown(null)), path);
    }

    public Section child(String key) throws ConfigException {
        return obj.has(key) ? new Section(ValueReader.object(obj.get(key), path(key)), path(key)) : empty(path(key));
    }

    public boolean has(String key) {
        return obj.has(key);
    }

    public ConfigNode node(String key) {
        return obj.get(key);
    }

    public ObjectNode object() {
        return obj;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public String string(String key, String dflt) throws ConfigException {
        return obj.has(key) ? ValueReader.string(obj.get(key), path(key)) : dflt;
    }

    public boolean bool(String key, boolean dflt) throws ConfigException {
        return obj.has(key) ? ValueReader.bool(obj.get(key), path(key)) : dflt;
    }

    /** A boolean that may be unset (null), for settings inherited from another section when absent. */
    public Boolean optionalBool(String key) throws ConfigException {
        return obj.has(key) ? ValueReader.bool(obj.get(key), path(key)) : null;
    }

    public long integer(String key, long dflt, long min, long max) throws ConfigException {
        return obj.has(key) ? ValueReader.integer(obj.get(key), path(key), min, max) : dflt;
    }

    public Duration duration(String key, Duration dflt) throws ConfigException {
        return obj.has(key) ? ValueReader.duration(obj.get(key), path(key)) : dflt;
    }

    public List<String> strings(String key) throws ConfigException {
        return obj.has(key) ? ValueReader.stringList(obj.get(key), path(key)) : List.of();
    }

    /** A string that must be one of {@code allowed}; the error lists them. */
    public String oneOf(String key, String dflt, List<String> allowed) throws ConfigException {
        String v = string(key, dflt);
        if (!allowed.contains(v)) {
            throw ConfigException.atValue(obj.get(key), path(key),
                    "invalid value " + ScalarNode.quote(v) + ", must be one of " + String.join(", ", allowed));
        }
        return v;
    }
}
