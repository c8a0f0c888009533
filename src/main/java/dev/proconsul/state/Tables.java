package dev.proconsul.state;

/**
 * One immutable version of the whole store: every registered table (by {@link TableKey} slot). {@code seq} counts
 * published changes (it orders watch notifications and, unlike raft indexes, never goes backwards, even across a
 * snapshot restore); {@code lastIndex} is the highest raft index applied. The slot array is never written after
 * construction, so versions can share it.
 */
final class Tables {
    static final Tables EMPTY = new Tables(0, 0, TableUnits.emptySlots());

    private final long seq;
    private final long lastIndex;
    private final Object[] slots;

    private Tables(long seq, long lastIndex, Object[] slots) {
        this.seq = seq;
        this.lastIndex = lastIndex;
        this.slots = slots;
    }

    long seq() {
        return seq;
    }

    long lastIndex() {
        return lastIndex;
    }

    @SuppressWarnings("unchecked")
    <T> T get(TableKey<T> key) {
        return (T) slots[key.slot()];
    }

    Tables withLastIndex(long index) {
        return new Tables(seq, index, slots);
    }

    /** These tables installed by a snapshot restore: published as change {@code seq}, applied at {@code index}. */
    Tables restoredAs(long newSeq, long index) {
        return new Tables(newSeq, index, slots);
    }

    /** For {@link Txn}: the slots to start a write from (never to be written). */
    Object[] slots() {
        return slots;
    }

    /** For {@link Txn#commit}: a version over slots the caller hands over and never writes again. */
    static Tables of(long seq, long lastIndex, Object[] ownedSlots) {
        return new Tables(seq, lastIndex, ownedSlots);
    }

    /** Assembles a version table by table (snapshot restore). */
    static final class Builder {
        private final Object[] slots = TableUnits.emptySlots();

        <T> Builder put(TableKey<T> key, T table) {
            slots[key.slot()] = table;
            return this;
        }

        Tables build(long lastIndex) {
            return new Tables(0, lastIndex, slots.clone());
        }
    }
}
