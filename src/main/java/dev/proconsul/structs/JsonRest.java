package dev.proconsul.structs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a typed mesh record (Proxy, Upstream, ...) keeps besides its typed fields: the fields it does not type
 * (fields of newer Consul versions; values of another type than Consul's, which catalog registrations accepted
 * verbatim before these records were typed and which may be stored) and the order the JSON object's keys came in.
 * Both are written back, so an object comes out byte for byte as it went in (the agent endpoints echo a client's key
 * order; the Raft codec sorts keys). Equality looks at the fields only: key order is not content.
 */
public final class JsonRest {
    public static final JsonRest NONE = new JsonRest(Map.of(), List.of());

    private final Map<String, Object> fields;
    private final List<String> order;

    private JsonRest(Map<String, Object> fields, List<String> order) {
        this.fields = fields;
        this.order = order;
    }

    static JsonRest of(Map<String, Object> fields, List<String> order) {
        return fields.isEmpty() && order.isEmpty() ? NONE
                : new JsonRest(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), List.copyOf(order));
    }

    /** The untyped fields, verbatim (values may be null). */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The keys of the object as received, typed ones included; empty for a record built in code. */
    public List<String> order() {
        return order;
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    public Object get(String key) {
        return fields.get(key);
    }

    /** Without the untyped field {@code key} (a typed value replaces it), keeping its place in the order. */
    JsonRest without(String key) {
        if (!fields.containsKey(key)) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(key);
        return of(copy, order);
    }

    /** With {@code key} first in the order, as Consul's agent puts a field it fills in (DestinationType). */
    JsonRest withFirst(String key) {
        List<String> o = new ArrayList<>(order.size() + 1);
        o.add(key);
        for (String k : order) {
            if (!k.equals(key)) {
                o.add(k);
            }
        }
        return of(fields, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonRest r && fields.equals(r.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
