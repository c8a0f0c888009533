package dev.proconsul.state;

import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateEntry;
import java.util.List;

/**
 * The coordinates table: one row per node and network segment, keyed by (lower-cased node, segment) so one node's
 * rows are one contiguous range, and the table's max index.
 */
record CoordinatesTable(PersistentSortedMap<String, Row> rows, long index) {

    static final CoordinatesTable EMPTY = new CoordinatesTable(PersistentSortedMap.empty(), 0);

    /** A stored coordinate with the indexes of the writes that created and last changed it. */
    record Row(String node, String segment, Coordinate coord, long createIndex, long modifyIndex) {
        CoordinateEntry entry() {
            return new CoordinateEntry(node, segment, coord);
        }
    }

    private static String key(String node, String segment) {
        return Keys.prefix(node) + (segment == null ? "" : segment);
    }

    Row get(String node, String segment) {
        return rows.get(key(node, segment));
    }

    List<Row> ofNode(String node) {
        return Keys.valuesWithPrefix(rows, Keys.prefix(node));
    }

    CoordinatesTable put(Row row, long idx) {
        return new CoordinatesTable(rows.put(key(row.node(), row.segment()), row), Math.max(index, idx));
    }

    /** Drops every segment's row of {@code node}; unchanged (same instance) when it had none. */
    CoordinatesTable removeNode(String node, long idx) {
        PersistentSortedMap<String, Row> r = rows;
        for (Row row : ofNode(node)) {
            r = r.remove(key(row.node(), row.segment()));
        }
        return r == rows ? this : new CoordinatesTable(r, Math.max(index, idx));
    }

    /** Table index set verbatim (snapshot restore). */
    CoordinatesTable withIndex(long idx) {
        return new CoordinatesTable(rows, idx);
    }
}
