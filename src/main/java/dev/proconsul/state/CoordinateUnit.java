package dev.proconsul.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.Indexed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The coordinates table (Consul's coordinate.go): reads, writes, watch topics and snapshot member
 * ({@code Coordinates}).
 *
 * <p>Applies a batch of coordinate updates as Consul's state store does: updates for nodes the catalog does not know
 * are dropped silently (the node may not have registered itself yet; its next update will land), and a coordinate
 * equal to the stored one is not rewritten. Validation (finite values, dimensionality) happens on the server
 * before the batch is queued; the store still refuses invalid rows so a bad log entry cannot poison it.
 */
final class CoordinateUnit implements TableUnit {
    static final TableKey<CoordinatesTable> COORDINATES = new TableKey<>("coordinates", CoordinatesTable.EMPTY);
    static final CoordinateUnit UNIT = new CoordinateUnit();

    /** Topic: every coordinate. */
    static final String ALL_TOPIC = "coordinates";

    private CoordinateUnit() {
    }

    /** Topic: one node's coordinates. */
    static String nodeTopic(String node) {
        return "co:" + Keys.fold(node);
    }

    // ------------------------------------------------------------------ reads

    /** Every node's coordinates (all segments), by node then segment; index: the coordinates table's. */
    static Indexed<List<CoordinateEntry>> all(Tables t) {
        CoordinatesTable table = t.get(COORDINATES);
        List<CoordinateEntry> out = new ArrayList<>(table.rows().size());
        table.rows().forEach((k, row) -> out.add(row.entry()));
        return TableUnit.indexed(table.index(), Collections.unmodifiableList(out));
    }

    /** One node's coordinates, one per segment (empty when it has none); index: the coordinates table's. */
    static Indexed<List<CoordinateEntry>> ofNode(Tables t, String node) {
        CoordinatesTable table = t.get(COORDINATES);
        List<CoordinateEntry> out = new ArrayList<>();
        for (CoordinatesTable.Row row : table.ofNode(node)) {
            out.add(row.entry());
        }
        return TableUnit.indexed(table.index(), Collections.unmodifiableList(out));
    }

    /** The indexes of one stored coordinate ({createIndex, modifyIndex}), or null when there is none. */
    static long[] indexesOf(Tables t, String node, String segment) {
        CoordinatesTable.Row row = t.get(COORDINATES).get(node, segment);
        return row == null ? null : new long[] {row.createIndex(), row.modifyIndex()};
    }

    // ------------------------------------------------------------------ writes

    static void batchUpdate(Txn tx, CoordinateBatchUpdateRequest req) throws Rejected {
        for (CoordinateEntry e : req.updates()) {
            if (e == null || CatalogUnit.isEmpty(e.node())) {
                throw new Rejected("Must provide node");
            }
            if (e.coord() == null || !e.coord().isValid()) {
                throw new Rejected("invalid coordinate");
            }
        }
        for (CoordinateEntry e : req.updates()) {
            if (tx.get(CatalogUnit.NODES).get(e.node()) == null) {
                continue;
            }
            CoordinatesTable.Row old = tx.get(COORDINATES).get(e.node(), e.segment());
            if (old != null && old.coord().equals(e.coord())) {
                continue;
            }
            // The row keeps the node's name as the catalog spells it, like the other tables.
            String node = tx.get(CatalogUnit.NODES).get(e.node()).node();
            tx.set(COORDINATES, tx.get(COORDINATES).put(new CoordinatesTable.Row(node, e.segment(), e.coord(),
                    old == null ? tx.index : old.createIndex(), tx.index), tx.index));
            tx.topics.add(ALL_TOPIC);
            tx.topics.add(nodeTopic(node));
        }
    }

    /** A deregistered node takes its coordinates with it. */
    static void deleteNode(Txn tx, String node) {
        CoordinatesTable after = tx.get(COORDINATES).removeNode(node, tx.index);
        if (after != tx.get(COORDINATES)) {
            tx.set(COORDINATES, after);
            tx.topics.add(ALL_TOPIC);
            tx.topics.add(nodeTopic(node));
        }
    }

    // ------------------------------------------------------------------ snapshot

    record CoordinateRow(@JsonProperty("Node") String node,
                         @JsonProperty("Segment") String segment,
                         @JsonProperty("Coord") Coordinate coord,
                         @JsonProperty("CreateIndex") long createIndex,
                         @JsonProperty("ModifyIndex") long modifyIndex) {
    }

    @Override
    public List<TableKey<?>> tables() {
        return List.of(COORDINATES);
    }

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        out.index(COORDINATES.name, t.get(COORDINATES).index());
    }

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        SnapshotCodec.writeRows(g, "Coordinates", t.get(COORDINATES).rows(),
                r -> new CoordinateRow(r.node(), r.segment(), r.coord(), r.createIndex(), r.modifyIndex()));
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private CoordinatesTable coordinates = CoordinatesTable.EMPTY;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                if (!name.equals("Coordinates")) {
                    return false;
                }
                for (CoordinateRow r : SnapshotCodec.readArray(p, CoordinateRow.class)) {
                    if (r.node() == null || r.coord() == null) {
                        throw new IOException("corrupt snapshot: coordinate row without node or Coord");
                    }
                    coordinates = coordinates.put(new CoordinatesTable.Row(r.node(),
                            r.segment() == null ? "" : r.segment(), r.coord(), r.createIndex(), r.modifyIndex()), 0);
                }
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                out.put(COORDINATES, coordinates.withIndex(indexes.getOrDefault(COORDINATES.name, 0L)));
            }
        };
    }
}
