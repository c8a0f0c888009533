package dev.proconsul.state;

import dev.proconsul.structs.Node;

/**
 * The nodes table: rows by lower-cased node name, a unique index on node ID, and the table's max index.
 */
record NodesTable(PersistentSortedMap<String, Node> rows, PersistentSortedMap<String, String> byId, long index) {

    static final NodesTable EMPTY = new NodesTable(PersistentSortedMap.empty(), PersistentSortedMap.empty(), 0);

    Node get(String name) {
        return rows.get(Keys.fold(name));
    }

    /** Name key of the node owning this ID, or null. */
    String nameForId(String id) {
        return id == null || id.isEmpty() ? null : byId.get(Keys.fold(id));
    }

    NodesTable put(Node node, long idx) {
        String key = Keys.fold(node.node());
        Node old = rows.get(key);
        PersistentSortedMap<String, String> ids = byId;
        if (old != null && old.id() != null && !old.id().isEmpty()) {
            ids = ids.remove(Keys.fold(old.id()));
        }
        if (node.id() != null && !node.id().isEmpty()) {
            ids = ids.put(Keys.fold(node.id()), key);
        }
        return new NodesTable(rows.put(key, node), ids, Math.max(index, idx));
    }

    NodesTable remove(String name, long idx) {
        String key = Keys.fold(name);
        Node old = rows.get(key);
        if (old == null) {
            return this;
        }
        PersistentSortedMap<String, String> ids = byId;
        if (old.id() != null && !old.id().isEmpty()) {
            ids = ids.remove(Keys.fold(old.id()));
        }
        return new NodesTable(rows.remove(key), ids, Math.max(index, idx));
    }
}
