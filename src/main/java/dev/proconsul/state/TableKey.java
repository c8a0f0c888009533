package dev.proconsul.state;

/**
 * Names one table of the store: a unit declares its tables as constants of this type, and {@link Tables} and
 * {@link Txn} hold them in an array at the key's slot. The slot is given once, when {@link TableUnits} registers the
 * unit, so a table whose unit was never registered fails on first use instead of going unsnapshotted.
 *
 * @param <T> the table's immutable type (a record over persistent maps, carrying its max index)
 */
final class TableKey<T> {
    final String name;
    final T empty;
    private int slot = -1;

    TableKey(String name, T empty) {
        this.name = name;
        this.empty = empty;
    }

    int slot() {
        return slot;
    }

    void bind(int newSlot) {
        if (slot >= 0) {
            throw new IllegalStateException("table " + name + " is registered twice");
        }
        slot = newSlot;
    }

    @Override
    public String toString() {
        return name;
    }
}
