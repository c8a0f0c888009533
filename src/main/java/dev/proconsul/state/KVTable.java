package dev.proconsul.state;

import dev.proconsul.structs.KVEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KV table: entries sorted by key (so a prefix is one range), a secondary index of locked keys by session
 * (session ID, NUL, key → key) so that invalidating a session touches only its keys, and the table's max index.
 */
record KVTable(PersistentSortedMap<String, KVEntry> entries, PersistentSortedMap<String, String> bySession,
               long index) {

    static final KVTable EMPTY = new KVTable(PersistentSortedMap.empty(), PersistentSortedMap.empty(), 0);

    /** A table over {@code entries}, rebuilding the session index (snapshot restore). */
    KVTable(PersistentSortedMap<String, KVEntry> entries, long index) {
        this(entries, sessionIndexOf(entries), index);
    }

    KVEntry get(String key) {
        return entries.get(key);
    }

    KVTable put(KVEntry entry, long idx) {
        PersistentSortedMap<String, String> locks = unlink(bySession, entries.get(entry.key()));
        if (hasSession(entry)) {
            locks = locks.put(entry.session() + Keys.SEP + entry.key(), entry.key());
        }
        return new KVTable(entries.put(entry.key(), entry), locks, Math.max(index, idx));
    }

    KVTable remove(String key, long idx) {
        return new KVTable(entries.remove(key), unlink(bySession, entries.get(key)), Math.max(index, idx));
    }

    /** Keys whose lock the session holds, in key order. */
    List<String> keysLockedBy(String sessionId) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(bySession, sessionId + Keys.SEP)) {
            out.add(e.getValue());
        }
        return out;
    }

    private static PersistentSortedMap<String, String> unlink(PersistentSortedMap<String, String> locks, KVEntry old) {
        return old != null && hasSession(old) ? locks.remove(old.session() + Keys.SEP + old.key()) : locks;
    }

    private static boolean hasSession(KVEntry e) {
        return e.session() != null && !e.session().isEmpty();
    }

    private static PersistentSortedMap<String, String> sessionIndexOf(PersistentSortedMap<String, KVEntry> entries) {
        PersistentSortedMap<String, String> locks = PersistentSortedMap.empty();
        for (Map.Entry<String, KVEntry> e : entries) {
            if (hasSession(e.getValue())) {
                locks = locks.put(e.getValue().session() + Keys.SEP + e.getKey(), e.getKey());
            }
        }
        return locks;
    }
}
