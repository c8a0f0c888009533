package dev.proconsul.config;

import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed reads of config values with errors that name the file, line and key
 * ({@code /etc/consul.d/a.hcl:3: ports.http: expected an integer, got "abc"}). Later features use it to read their
 * own parts of {@link AgentConfig#raw()}.
 */
public final class ValueReader {
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");

    private ValueReader() {
    }

    /** The value at a dotted path of keys below {@code root} ("ports", "http"), or null when any part is absent. */
    public static ConfigNode at(ObjectNode root, String... keys) {
        ConfigNode cur = root;
        for (String key : keys) {
            if (!(cur instanceof ObjectNode obj)) {
                return null;
            }
            cur = obj.get(key);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    public static String string(ConfigNode node, String key) throws ConfigException {
        if (node instanceof ScalarNode s && s.value() instanceof String str) {
            return str;
        }
        throw ConfigException.atValue(node, key, "expected a string, got " + node.describe());
    }

    public static boolean bool(ConfigNode node, String key) throws ConfigException {
        if (node instanceof ScalarNode s) {
            if (s.value() instanceof Boolean b) {
                return b;
            }
            if ("true".equals(s.value()) || "false".equals(s.value())) {
                return Boolean.parseBoolean((String) s.value());
            }
        }
        throw ConfigException.atValue(node, key, "expected a boolean, got " + node.describe());
    }

    /** An integer within [min, max]; accepts integral floats (JSON numbers) and integer strings. */
    public static long integer(ConfigNode node, String key, long min, long max) throws ConfigException {
        long v;
        Object raw = node instanceof ScalarNode s ? s.value() : null;
        if (raw instanceof Long l) {
            v = l;
        } else if (raw instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                && Math.abs(d) < 9.0e18) {
            v = d.longValue();
        } else if (raw instanceof String str && INTEGER_TEXT.matcher(str.strip()).matches()) {
            try {
                v = Long.parseLong(str.strip());
            } catch (NumberFormatException e) {
                throw ConfigException.atValue(node, key, "integer out of range: " + node.describe());
            }
        } else {
            throw ConfigException.atValue(node, key, "expected an integer, got " + node.describe());
        }
        if (v < min || v > max) {
            throw ConfigException.atValue(node, key, "must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    /** A port number: 0 means "pick a free port", -1 disables the listener. */
    public static int port(ConfigNode node, String key) throws ConfigException {
        return (int) integer(node, key, -1, 65535);
    }

    /** A Go-syntax duration string such as "10s" or "1m30s". */
    public static Duration duration(ConfigNode node, String key) throws ConfigException {
        if (node instanceof ScalarNode s && s.value() instanceof String str) {
            try {
                return GoDuration.parse(str);
            } catch (IllegalArgumentException e) {
                throw ConfigException.atValue(node, key, e.getMessage());
            }
        }
        throw ConfigException.atValue(node, key, "expected a duration such as \"10s\", got " + node.describe());
    }

    /** A list of strings; a single string counts as a list of one. */
    public static List<String> stringList(ConfigNode node, String key) throws ConfigException {
        if (node instanceof ScalarNode s && s.value() instanceof String str) {
            return List.of(str);
        }
        if (!(node instanceof ListNode list)) {
            throw ConfigException.atValue(node, key, "expected a list of strings, got " + node.describe());
        }
        List<String> out = new ArrayList<>(list.size());
        for (ConfigNode item : list.items()) {
            out.add(string(item, key));
        }
        return Collections.unmodifiableList(out);
    }

    /** An object whose values are strings (numbers and booleans are taken as their text). */
    public static Map<String, String> stringMap(ConfigNode node, String key) throws ConfigException {
        ObjectNode obj = object(node, key);
        Map<String, String> out = new LinkedHashMap<>();
        for (ObjectNode.Member m : obj.members()) {
            if (m.value() instanceof ScalarNode s && s.value() != null && !(s.value() instanceof Double)) {
                out.put(m.key(), String.valueOf(s.value()));
            } else if (m.value() instanceof ScalarNode s && s.value() instanceof Double d) {
                out.put(m.key(), d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d));
            } else {
                throw ConfigException.atValue(m.value(), key + "." + m.key(),
                        "expected a string, got " + m.value().describe());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** An object; an HCL block list holding one object counts as that object. */
    public static ObjectNode object(ConfigNode node, String key) throws ConfigException {
        if (node instanceof ObjectNode obj) {
            return obj;
        }
        if (node instanceof ListNode list && !list.items().isEmpty()
                && list.items().stream().allMatch(i -> i instanceof ObjectNode)) {
            if (list.size() == 1) {
                return (ObjectNode) list.get(0);
            }
            throw ConfigException.atValue(list.get(1), key, "expected one block, got " + list.size());
        }
        throw ConfigException.atValue(node, key, "expected an object, got " + node.describe());
    }

    /** A list of objects; a single object counts as a list of one. */
    public static List<ObjectNode> objectList(ConfigNode node, String key) throws ConfigException {
        if (node instanceof ObjectNode obj) {
            return List.of(obj);
        }
        if (!(node instanceof ListNode list)) {
            throw ConfigException.atValue(node, key, "expected a list of objects, got " + node.describe());
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            if (!(item instanceof ObjectNode obj)) {
                throw ConfigException.atValue(item, key, "expected an object, got " + item.describe());
            }
            out.add(obj);
        }
        return Collections.unmodifiableList(out);
    }
}
