package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.KVEntry;
import java.util.List;
import java.util.Optional;

/** The KV store: {@code /v1/kv/...}. Keys are given without a leading slash, as Consul stores them. */
public final class KeyValueClient {
    private static final TypeReference<List<KVEntry>> ENTRIES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {
    };

    private final ConsulHttp http;

    KeyValueClient(ConsulHttp http) {
        this.http = http;
    }

    /** One key; empty when it does not exist (the meta still carries the index to block on). */
    public QueryResult<Optional<KVEntry>> get(String key) {
        return get(key, QueryOptions.DEFAULT);
    }

    public QueryResult<Optional<KVEntry>> get(String key, QueryOptions opts) {
        ConsulHttp.Response r = read(key, new Query(), opts);
        List<KVEntry> entries = r.status() == 404 ? List.of() : decodeEntries(r);
        return new QueryResult<>(entries.stream().findFirst(), ConsulHttp.meta(r));
    }

    /** Every entry whose key starts with {@code prefix}, in key order; empty when none. */
    public QueryResult<List<KVEntry>> list(String prefix) {
        return list(prefix, QueryOptions.DEFAULT);
    }

    public QueryResult<List<KVEntry>> list(String prefix, QueryOptions opts) {
        ConsulHttp.Response r = read(prefix, new Query().flag("recurse"), opts);
        return new QueryResult<>(r.status() == 404 ? List.of() : decodeEntries(r), ConsulHttp.meta(r));
    }

    /**
     * The keys under {@code prefix}. With a non-empty {@code separator}, keys are rolled up to the first separator
     * after the prefix (so "a/b/c" and "a/b/d" list once as "a/b/" for prefix "a/" and separator "/").
     */
    public QueryResult<List<String>> keys(String prefix, String separator, QueryOptions opts) {
        Query q = new Query().flag("keys").addIfPresent("separator", separator);
        ConsulHttp.Response r = read(prefix, q, opts);
        List<String> keys = r.status() == 404 ? List.of() : ConsulHttp.decode(r, KEYS);
        return new QueryResult<>(keys == null ? List.of() : keys, ConsulHttp.meta(r));
    }

    /** Writes a value unconditionally. */
    public boolean put(String key, byte[] value) {
        return put(key, value, 0, null, WriteOptions.DEFAULT);
    }

    /**
     * Writes a value.
     *
     * @param cas null for an unconditional write; 0 to write only if the key does not exist; otherwise write only
     *            if the key's ModifyIndex still equals it
     * @return false when the check-and-set did not hold
     */
    public boolean put(String key, byte[] value, long flags, Long cas, WriteOptions opts) {
        Query q = new Query();
        if (flags != 0) {
            q.add("flags", Long.toUnsignedString(flags));
        }
        if (cas != null) {
            q.add("cas", Long.toUnsignedString(cas));
        }
        return write("PUT", key, q, value, opts);
    }

    /** Writes the value and takes the key's lock for {@code session}; false if another session holds it. */
    public boolean acquire(String key, byte[] value, long flags, String session, WriteOptions opts) {
        return lockOp("acquire", key, value, flags, session, opts);
    }

    /** Writes the value and releases {@code session}'s lock on the key; false if that session did not hold it. */
    public boolean release(String key, byte[] value, long flags, String session, WriteOptions opts) {
        return lockOp("release", key, value, flags, session, opts);
    }

    /** Deletes one key (deleting a missing key succeeds). */
    public boolean delete(String key) {
        return delete(key, false, null, WriteOptions.DEFAULT);
    }

    /**
     * @param recurse delete every key starting with {@code key}
     * @param cas     null, or delete only if the key's ModifyIndex equals it
     * @return false when the check-and-set did not hold
     */
    public boolean delete(String key, boolean recurse, Long cas, WriteOptions opts) {
        Query q = new Query();
        if (recurse) {
            q.flag("recurse");
        }
        if (cas != null) {
            q.add("cas", Long.toUnsignedString(cas));
        }
        return write("DELETE", key, q, null, opts);
    }

    private boolean lockOp(String op, String key, byte[] value, long flags, String session, WriteOptions opts) {
        Query q = new Query();
        if (flags != 0) {
            q.add("flags", Long.toUnsignedString(flags));
        }
        q.add(op, session);
        return write("PUT", key, q, value, opts);
    }

    private ConsulHttp.Response read(String key, Query q, QueryOptions opts) {
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.exchange("GET", "/v1/kv/" + key, q, null, opts.token());
        if (r.status() / 100 != 2 && r.status() != 404) {
            throw ConsulHttp.error(r);
        }
        return r;
    }

    private boolean write(String method, String key, Query q, byte[] body, WriteOptions opts) {
        q.write(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.require(method, "/v1/kv/" + key, q, body == null && method.equals("PUT")
                ? new byte[0] : body, opts.token());
        return r.text().trim().equals("true");
    }

    private static List<KVEntry> decodeEntries(ConsulHttp.Response r) {
        List<KVEntry> entries = ConsulHttp.decode(r, ENTRIES);
        return entries == null ? List.of() : entries;
    }
}
