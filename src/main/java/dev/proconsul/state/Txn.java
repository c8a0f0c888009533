package dev.proconsul.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A write in progress: the tables as the command has changed them so far, and the watch topics to fire. Only the
 * apply thread touches it; nothing is visible to readers until {@link #commit} builds the next version. The slot
 * array is copied on the first change only, so a write that changes nothing allocates no copy.
 */
final class Txn {
    final long index;
    /** Wall-clock time of this write (epoch ms), for lock-delays; not part of the replicated state. */
    long nowMillis;
    private final Object[] base;
    private Object[] slots;
    /** Lock-delays the write starts (key → until, epoch ms); they take effect only if it commits. */
    final Map<String, Long> lockDelays = new HashMap<>();
    final Set<String> topics = new HashSet<>();

    Txn(Tables base, long index) {
        this.index = index;
        this.base = base.slots();
        this.slots = this.base;
    }

    @SuppressWarnings("unchecked")
    <T> T get(TableKey<T> key) {
        return (T) slots[key.slot()];
    }

    <T> void set(TableKey<T> key, T table) {
        if (slots == base) {
            slots = base.clone();
        }
        slots[key.slot()] = table;
    }

    boolean changed() {
        return !topics.isEmpty();
    }

    /** The next version; the Txn must not be used afterwards (the version takes its slots). */
    Tables commit(long seq) {
        return Tables.of(seq, index, slots);
    }
}
