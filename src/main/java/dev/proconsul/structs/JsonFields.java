package dev.proconsul.structs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the typed fields of a JSON object (as Jackson gives it: maps, lists, strings, numbers, booleans) and keeps
 * the rest and the key order in a {@link JsonRest}; {@link Writer} puts them back together.
 */
final class JsonFields {
    private final Map<String, Object> rest;
    private final List<String> order;

    JsonFields(Map<String, ?> json) {
        this.rest = json == null ? new LinkedHashMap<>() : new LinkedHashMap<>(json);
        this.order = List.copyOf(rest.keySet());
    }

    String string(String key) {
        return take(key, rest.get(key) instanceof String s ? s : null);
    }

    Boolean bool(String key) {
        return take(key, rest.get(key) instanceof Boolean b ? b : null);
    }

    /** An integral number that fits an int (5000, not 5000.0 nor "5000", which stay verbatim). */
    Integer integer(String key) {
        Object v = rest.get(key);
        if ((v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
                && ((Number) v).longValue() == ((Number) v).intValue()) {
            return take(key, ((Number) v).intValue());
        }
        return null;
    }

    /** A free-form object (Config, Arguments): kept as a map, its contents untouched. */
    Map<String, Object> map(String key) {
        return take(key, rest.get(key) instanceof Map<?, ?> m ? unmodifiable(m) : null);
    }

    <T> T object(String key, Function<Map<String, Object>, T> reader) {
        return take(key, rest.get(key) instanceof Map<?, ?> m ? reader.apply(unmodifiable(m)) : null);
    }

    /** A list of objects; a list holding anything else stays verbatim. */
    <T> List<T> objects(String key, Function<Map<String, Object>, T> reader) {
        if (!(rest.get(key) instanceof List<?> l)) {
            return null;
        }
        List<T> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            out.add(reader.apply(unmodifiable(m)));
        }
        return take(key, Collections.unmodifiableList(out));
    }

    /** What was not taken, and the order of every key. */
    JsonRest rest() {
        return JsonRest.of(rest, order);
    }

    private <T> T take(String key, T value) {
        if (value != null) {
            rest.remove(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> unmodifiable(Map<?, ?> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) m));
    }

    /**
     * Writes a record's JSON object: keys in the order they were received, then fields set in code in declaration
     * order (Consul's), then untyped leftovers; absent (null) typed fields are left out.
     */
    static final class Writer {
        private final JsonRest rest;
        private final Map<String, Object> typed = new LinkedHashMap<>();

        Writer(JsonRest rest) {
            this.rest = rest;
        }

        Writer put(String key, Object value) {
            if (value != null) {
                typed.put(key, value);
            }
            return this;
        }

        Map<String, Object> build() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : rest.order()) {
                if (typed.containsKey(k)) {
                    out.put(k, typed.get(k));
                } else if (rest.has(k)) {
                    out.put(k, rest.get(k));
                }
            }
            typed.forEach(out::putIfAbsent);
            rest.fields().forEach(out::putIfAbsent);
            return out;
        }
    }
}
