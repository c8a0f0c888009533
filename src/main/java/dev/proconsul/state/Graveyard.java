package dev.proconsul.state;

import java.util.Map;

/**
 * Tombstones of deleted KV keys: key → index of the delete. They keep a deleted key's index visible to blocking
 * queries on a prefix (whose index would otherwise go backwards) until the leader reaps them.
 */
record Graveyard(PersistentSortedMap<String, Long> tombstones, long index) {

    static final Graveyard EMPTY = new Graveyard(PersistentSortedMap.empty(), 0);

    Graveyard bury(String key, long idx) {
        return new Graveyard(tombstones.put(key, idx), Math.max(index, idx));
    }

    /** Highest delete index among tombstones under prefix, 0 if none. */
    long maxIndexUnder(String prefix) {
        long max = 0;
        for (Map.Entry<String, Long> e : Keys.withPrefix(tombstones, prefix)) {
            max = Math.max(max, e.getValue());
        }
        return max;
    }

    /** Drops every tombstone whose delete index is at most upTo. */
    Graveyard reap(long upTo) {
        PersistentSortedMap<String, Long> t = tombstones;
        for (Map.Entry<String, Long> e : tombstones) {
            if (e.getValue() <= upTo) {
                t = t.remove(e.getKey());
            }
        }
        return t == tombstones ? this : new Graveyard(t, index);
    }
}
