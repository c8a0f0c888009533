package dev.proconsul.state;

import java.util.List;

/**
 * The registered table units, in the order their members appear in a snapshot. Adding a table family is its unit
 * file plus one line here (see package-info).
 */
final class TableUnits {
    static final List<TableUnit> ALL = List.of(
            CatalogUnit.UNIT,
            KVUnit.UNIT,
            SessionUnit.UNIT,
            CoordinateUnit.UNIT,
            CAUnit.UNIT,
            PreparedQueryUnit.UNIT,
            AutopilotUnit.UNIT);

    /** Number of tables: the length of a {@link Tables} version's array. */
    static final int SIZE = bindSlots();

    private TableUnits() {
    }

    private static int bindSlots() {
        int slot = 0;
        for (TableUnit unit : ALL) {
            for (TableKey<?> key : unit.tables()) {
                key.bind(slot++);
            }
        }
        return slot;
    }

    /** Every table empty, by slot. */
    static Object[] emptySlots() {
        Object[] slots = new Object[SIZE];
        for (TableUnit unit : ALL) {
            for (TableKey<?> key : unit.tables()) {
                slots[key.slot()] = key.empty;
            }
        }
        return slots;
    }
}
