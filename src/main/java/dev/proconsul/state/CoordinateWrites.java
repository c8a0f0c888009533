package dev.proconsul.state;

import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateEntry;

/**
 * Applies a batch of coordinate updates as Consul's state store does: updates for nodes the catalog does not know
 * are dropped silently (the node may not have registered itself yet; its next update will land), and a coordinate
 * equal to the stored one is not rewritten. Validation (finite values, dimensionality) happens on the server
 * before the batch is queued; the store still refuses invalid rows so a bad log entry cannot poison it.
 */
final class CoordinateWrites {
    private CoordinateWrites() {
    }

    static void batchUpdate(Txn tx, CoordinateBatchUpdateRequest req) throws Rejected {
        for (CoordinateEntry e : req.updates()) {
            if (e == null || CatalogWrites.isEmpty(e.node())) {
                throw new Rejected("Must provide node");
            }
            if (e.coord() == null || !e.coord().isValid()) {
                throw new Rejected("invalid coordinate");
            }
        }
        for (CoordinateEntry e : req.updates()) {
            if (tx.nodes.get(e.node()) == null) {
                continue;
            }
            CoordinatesTable.Row old = tx.coordinates.get(e.node(), e.segment());
            if (old != null && old.coord().equals(e.coord())) {
                continue;
            }
            // The row keeps the node's name as the catalog spells it, like the other tables.
            String node = tx.nodes.get(e.node()).node();
            tx.coordinates = tx.coordinates.put(new CoordinatesTable.Row(node, e.segment(), e.coord(),
                    old == null ? tx.index : old.createIndex(), tx.index), tx.index);
            tx.topics.add(Topics.COORDINATES);
            tx.topics.add(Topics.nodeCoordinates(node));
        }
    }

    /** A deregistered node takes its coordinates with it. */
    static void deleteNode(Txn tx, String node) {
        CoordinatesTable after = tx.coordinates.removeNode(node, tx.index);
        if (after != tx.coordinates) {
            tx.coordinates = after;
            tx.topics.add(Topics.COORDINATES);
            tx.topics.add(Topics.nodeCoordinates(node));
        }
    }
}
