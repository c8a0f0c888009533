package dev.proconsul.state;

import dev.proconsul.structs.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sessions table: rows by ID, and two secondary indexes to find the sessions an invalidation hits: by node
 * (folded node name, NUL, ID) and by check (folded node, NUL, folded check ID, NUL, ID). Values of both are IDs.
 */
record SessionsTable(PersistentSortedMap<String, Session> rows,
                     PersistentSortedMap<String, String> byNode,
                     PersistentSortedMap<String, String> byCheck,
                     long index) {

    static final SessionsTable EMPTY = new SessionsTable(PersistentSortedMap.empty(), PersistentSortedMap.empty(),
            PersistentSortedMap.empty(), 0);

    Session get(String id) {
        return id == null ? null : rows.get(id);
    }

    SessionsTable put(Session s, long idx) {
        SessionsTable t = remove(s.id(), idx);
        PersistentSortedMap<String, String> checks = t.byCheck;
        for (String checkId : s.allCheckIds()) {
            checks = checks.put(Keys.of(s.node(), checkId) + Keys.SEP + s.id(), s.id());
        }
        return new SessionsTable(t.rows.put(s.id(), s), t.byNode.put(Keys.prefix(s.node()) + s.id(), s.id()),
                checks, Math.max(index, idx));
    }

    SessionsTable remove(String id, long idx) {
        Session old = rows.get(id);
        if (old == null) {
            return this;
        }
        PersistentSortedMap<String, String> checks = byCheck;
        for (String checkId : old.allCheckIds()) {
            checks = checks.remove(Keys.of(old.node(), checkId) + Keys.SEP + id);
        }
        return new SessionsTable(rows.remove(id), byNode.remove(Keys.prefix(old.node()) + id), checks,
                Math.max(index, idx));
    }

    List<String> idsOnNode(String node) {
        return ids(byNode, Keys.prefix(node));
    }

    List<String> idsOnCheck(String node, String checkId) {
        return ids(byCheck, Keys.of(node, checkId) + Keys.SEP);
    }

    private static List<String> ids(PersistentSortedMap<String, String> index, String prefix) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(index, prefix)) {
            out.add(e.getValue());
        }
        return out;
    }
}
