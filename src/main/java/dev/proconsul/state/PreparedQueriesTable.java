package dev.proconsul.state;

import dev.proconsul.structs.PreparedQuery;
import java.util.List;

/**
 * The prepared queries table: rows by ID, and the indexes Consul's schema has: by name (folded; names are unique
 * regardless of case), templates by name (folded, "" included) for the longest-prefix match, and by session (its
 * ID, NUL, the query's ID) to find the queries a session's end deletes. Templates keep their compiled form beside
 * them (compiled once, on write or restore).
 */
record PreparedQueriesTable(PersistentSortedMap<String, PreparedQuery> rows,
                            PersistentSortedMap<String, String> byName,
                            PersistentSortedMap<String, String> templates,
                            PersistentSortedMap<String, String> bySession,
                            PersistentSortedMap<String, QueryTemplate> compiled,
                            long index) {

    static final PreparedQueriesTable EMPTY = new PreparedQueriesTable(PersistentSortedMap.empty(),
            PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(),
            PersistentSortedMap.empty(), 0);

    PreparedQuery get(String id) {
        return id == null ? null : rows.get(id);
    }

    /** The query of that name (any case), or null. */
    PreparedQuery byName(String name) {
        String id = byName.get(Keys.fold(name));
        return id == null ? null : rows.get(id);
    }

    /** The template whose name is the longest prefix of {@code name} (case-insensitive), or null. */
    PreparedQuery longestTemplatePrefix(String name) {
        String folded = Keys.fold(name);
        for (int len = folded.length(); len >= 0; len--) {
            String id = templates.get(folded.substring(0, len));
            if (id != null) {
                return rows.get(id);
            }
        }
        return null;
    }

    /** The template with exactly this (folded) name, or null. */
    PreparedQuery template(String name) {
        String id = templates.get(Keys.fold(name));
        return id == null ? null : rows.get(id);
    }

    QueryTemplate compiled(String id) {
        return compiled.get(id);
    }

    /** @param template the query's compiled template; null unless it is one */
    PreparedQueriesTable put(PreparedQuery q, QueryTemplate template, long idx) {
        PreparedQueriesTable t = remove(q.id(), idx);
        PersistentSortedMap<String, String> names = q.name().isEmpty() ? t.byName
                : t.byName.put(Keys.fold(q.name()), q.id());
        PersistentSortedMap<String, String> tmpl = q.isTemplate() ? t.templates.put(Keys.fold(q.name()), q.id())
                : t.templates;
        PersistentSortedMap<String, String> sessions = q.session().isEmpty() ? t.bySession
                : t.bySession.put(q.session() + Keys.SEP + q.id(), q.id());
        PersistentSortedMap<String, QueryTemplate> comp = template == null ? t.compiled
                : t.compiled.put(q.id(), template);
        return new PreparedQueriesTable(t.rows.put(q.id(), q), names, tmpl, sessions, comp, Math.max(index, idx));
    }

    PreparedQueriesTable remove(String id, long idx) {
        PreparedQuery old = rows.get(id);
        if (old == null) {
            return this;
        }
        PersistentSortedMap<String, String> names = byName;
        if (!old.name().isEmpty() && id.equals(names.get(Keys.fold(old.name())))) {
            names = names.remove(Keys.fold(old.name()));
        }
        PersistentSortedMap<String, String> tmpl = old.isTemplate() ? templates.remove(Keys.fold(old.name()))
                : templates;
        return new PreparedQueriesTable(rows.remove(id), names, tmpl,
                bySession.remove(old.session() + Keys.SEP + id), compiled.remove(id), Math.max(index, idx));
    }

    /** IDs of the queries bound to a session. */
    List<String> idsOfSession(String sessionId) {
        return Keys.valuesWithPrefix(bySession, sessionId + Keys.SEP);
    }
}
