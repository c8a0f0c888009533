package dev.proconsul.state;

import dev.proconsul.structs.KVEntry;

/** The KV table: entries sorted by key (so a prefix is one range) and the table's max index. */
record KVTable(PersistentSortedMap<String, KVEntry> entries, long index) {

    static final KVTable EMPTY = new KVTable(PersistentSortedMap.empty(), 0);

    KVEntry get(String key) {
        return entries.get(key);
    }

    KVTable put(KVEntry entry, long idx) {
        return new KVTable(entries.put(entry.key(), entry), Math.max(index, idx));
    }

    KVTable remove(String key, long idx) {
        return new KVTable(entries.remove(key), Math.max(index, idx));
    }
}
