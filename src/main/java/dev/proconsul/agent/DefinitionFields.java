package dev.proconsul.agent;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigNode;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.config.ListNode;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.config.ScalarNode;
import dev.proconsul.config.ValueReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one object of a service or check definition the way Consul does: keys match in snake_case, CamelCase or
 * any case ({@code destination_name}, {@code DestinationName}), an HCL block (a list holding one object) counts as
 * that object, and every error names the key path (and, for files, the file and line).
 */
final class DefinitionFields {
    private final ObjectNode obj;
    private final String path;
    private final Map<String, ObjectNode.Member> byNormalKey = new LinkedHashMap<>();

    DefinitionFields(ObjectNode obj, String path) {
        this.obj = obj;
        this.path = path;
        for (ObjectNode.Member m : obj.members()) {
            byNormalKey.put(normalize(m.key()), m);
        }
    }

    /** Lower case without '_' and '-': the form in which Consul's key translation makes names equal. */
    static String normalize(String key) {
        return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    ObjectNode object() {
        return obj;
    }

    /** The key path for messages, spelled as the user wrote the key. */
    String path(String key) {
        ObjectNode.Member m = byNormalKey.get(normalize(key));
        String written = m == null ? key : m.key();
        return path.isEmpty() ? written : path + "." + written;
    }

    /** The value under any of the given names (first found wins), or null; JSON nulls count as absent. */
    ConfigNode node(String... names) {
        for (String n : names) {
            ObjectNode.Member m = byNormalKey.get(normalize(n));
            if (m != null && !(m.value() instanceof ScalarNode s && s.isNull())) {
                return m.value();
            }
        }
        return null;
    }

    boolean has(String... names) {
        return node(names) != null;
    }

    String string(String key, String... aliases) throws ConfigException {
        ConfigNode n = node(all(key, aliases));
        if (n == null) {
            return "";
        }
        if (n instanceof ScalarNode s && (s.value() instanceof Long || s.value() instanceof Boolean)) {
            return String.valueOf(s.value());
        }
        return ValueReader.string(n, path(key));
    }

    int integer(String key, long min, long max) throws ConfigException {
        ConfigNode n = node(key);
        return n == null ? 0 : (int) ValueReader.integer(n, path(key), min, max);
    }

    boolean bool(String key, String... aliases) throws ConfigException {
        ConfigNode n = node(all(key, aliases));
        return n != null && ValueReader.bool(n, path(key));
    }

    /** A Go duration string ("10s"), or a number of nanoseconds as Consul's JSON decoding also accepts; null if absent. */
    Duration duration(String key) throws ConfigException {
        ConfigNode n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && s.value() instanceof String str) {
            if (str.isEmpty()) {
                return null;
            }
            try {
                return GoDuration.parse(str);
            } catch (IllegalArgumentException e) {
                throw ConfigException.atValue(n, path(key), e.getMessage());
            }
        }
        if (n instanceof ScalarNode s && s.value() instanceof Long nanos) {
            return Duration.ofNanos(nanos);
        }
        if (n instanceof ScalarNode s && s.value() instanceof Double d) {
            return Duration.ofNanos(d.longValue());
        }
        throw ConfigException.atValue(n, path(key), "expected a duration such as \"10s\", got " + n.describe());
    }

    List<String> strings(String key, String... aliases) throws ConfigException {
        ConfigNode n = node(all(key, aliases));
        return n == null ? List.of() : ValueReader.stringList(n, path(key));
    }

    Map<String, String> stringMap(String key) throws ConfigException {
        ConfigNode n = node(key);
        return n == null ? Map.of() : ValueReader.stringMap(n, path(key));
    }

    /** A nested object (an HCL block counts), or null when absent. */
    DefinitionFields child(String key, String... aliases) throws ConfigException {
        ConfigNode n = node(all(key, aliases));
        if (n == null) {
            return null;
        }
        return new DefinitionFields(ValueReader.object(n, path(key)), path(key));
    }

    /** A list of nested objects (repeated HCL blocks, a JSON array, or one object). */
    List<DefinitionFields> children(String key, String... aliases) throws ConfigException {
        ConfigNode n = node(all(key, aliases));
        if (n == null) {
            return List.of();
        }
        List<DefinitionFields> out = new ArrayList<>();
        int i = 0;
        for (ObjectNode o : ValueReader.objectList(n, path(key))) {
            out.add(new DefinitionFields(o, path(key) + "[" + i++ + "]"));
        }
        return out;
    }

    /** Map of header name to values: {@code {"X-A": ["1"]}} or {@code {"X-A": "1"}}. */
    Map<String, List<String>> headers(String key) throws ConfigException {
        ConfigNode n = node(key);
        if (n == null) {
            return Map.of();
        }
        ObjectNode o = ValueReader.object(n, path(key));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ObjectNode.Member m : o.members()) {
            out.put(m.key(), ValueReader.stringList(m.value(), path(key) + "." + m.key()));
        }
        return out;
    }

    ConfigException error(String key, String reason) {
        ConfigNode n = node(key);
        return ConfigException.atValue(n != null ? n : obj, path(key), reason);
    }

    ConfigException error(String reason) {
        return new ConfigException(obj.position().withoutColumn(), (path.isEmpty() ? "" : path + ": ") + reason);
    }

    /**
     * The plain value of a nested part with known keys put in Consul's CamelCase (so that {@code local_bind_port}
     * and {@code LocalBindPort} give the same JSON), while free-form maps (Config, Meta) keep their keys.
     */
    static Object canonical(ConfigNode n, boolean opaque) {
        if (n instanceof ObjectNode o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (ObjectNode.Member m : o.members()) {
                String name = opaque ? m.key() : CanonicalNames.of(m.key());
                boolean childOpaque = opaque || CanonicalNames.isOpaque(name);
                ConfigNode v = m.value();
                if (!childOpaque && !CanonicalNames.isList(name) && v instanceof ListNode l && l.size() == 1
                        && l.get(0) instanceof ObjectNode) {
                    v = l.get(0); // an HCL block
                }
                out.put(name, canonical(v, childOpaque));
            }
            return out;
        }
        if (n instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            for (ConfigNode item : l.items()) {
                out.add(canonical(item, opaque));
            }
            return out;
        }
        return n.toPlain();
    }

    private static String[] all(String key, String... aliases) {
        String[] out = new String[aliases.length + 1];
        out[0] = key;
        System.arraycopy(aliases, 0, out, 1, aliases.length);
        return out;
    }
}
