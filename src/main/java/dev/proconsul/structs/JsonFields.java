package dev.proconsul.structs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the typed fields of a JSON object (as Jackson gives it: maps, lists, strings, numbers, booleans) and keeps
 * whatever it does not take: unknown keys, and known keys whose value has another type than Consul's (catalog
 * registrations accepted them verbatim before these records were typed, so they may be stored). Those stay in
 * {@link #rest()} and are written back unchanged, so nothing a client sent is lost or altered.
 */
final class JsonFields {
    private final Map<String, Object> rest;

    JsonFields(Map<String, ?> json) {
        this.rest = json == null ? new LinkedHashMap<>() : new LinkedHashMap<>(json);
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

    /** What was not taken, or an empty map. */
    Map<String, Object> rest() {
        return rest.isEmpty() ? Map.of() : Collections.unmodifiableMap(rest);
    }

    private <T> T take(String key, T value) {
        if (value != null) {
            rest.remove(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> unmodifiable(Map<?, ?> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) m));
    }

    /**
     * Writes fields in key order, which is the order the Raft codec has always stored (and the catalog served) these
     * objects in; absent (null) fields are left out; untyped leftovers are merged in among them.
     */
    static final class Writer {
        private final Map<String, Object> out = new TreeMap<>();

        Writer put(String key, Object value) {
            if (value != null) {
                out.put(key, value);
            }
            return this;
        }

        Map<String, Object> with(Map<String, Object> rest) {
            if (rest != null) {
                out.putAll(rest);
            }
            return out;
        }
    }
}
