package dev.proconsul.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQueryRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The prepared queries table (Consul's state/prepared_query.go): its reads (by ID, all, and resolution of an ID or
 * name as execution does it), writes, watch topics and snapshot member ({@code PreparedQueries}). A query bound to a
 * session is deleted with the session ({@link SessionUnit#destroy}).
 */
final class PreparedQueryUnit implements TableUnit {
    static final TableKey<PreparedQueriesTable> QUERIES = new TableKey<>("prepared-queries",
            PreparedQueriesTable.EMPTY);
    static final PreparedQueryUnit UNIT = new PreparedQueryUnit();

    /** Topic: the table as a whole (list reads; a single query's read watches this too, see {@link #get}). */
    static final String ALL_TOPIC = "pq";

    static final String MISSING_QUERY_ID = "Missing Query ID";
    private static final Pattern UUID = Pattern.compile(
            "(?i)^[\\da-f]{8}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{12}$");

    private PreparedQueryUnit() {
    }

    /** Topic: one query's row. */
    static String queryTopic(String id) {
        return "pq:" + id;
    }

    static boolean isUuid(String s) {
        return s != null && s.length() == 36 && UUID.matcher(s).matches();
    }

    // ------------------------------------------------------------------ reads

    /** value null when the query is unknown; index: the table's. */
    static Indexed<PreparedQuery> get(Tables t, String id) {
        PreparedQueriesTable q = t.get(QUERIES);
        return TableUnit.indexed(q.index(), q.get(id));
    }

    /** All queries, by ID. */
    static Indexed<List<PreparedQuery>> list(Tables t) {
        PreparedQueriesTable q = t.get(QUERIES);
        List<PreparedQuery> out = new ArrayList<>(q.rows().size());
        q.rows().forEach((id, query) -> out.add(query));
        return TableUnit.indexed(q.index(), Collections.unmodifiableList(out));
    }

    /**
     * What an execution of {@code idOrName} runs, as Consul resolves it: by ID when it looks like a UUID (a template
     * cannot be run by ID), else the query of exactly that name, else the template whose name is the longest prefix
     * of it; a template is rendered for the name. Value null when nothing matches.
     *
     * @throws Rejected when the name is empty, a template is named by ID, or rendering fails (Consul's words)
     */
    static Indexed<PreparedQuery> resolve(Tables t, String idOrName, String segment) throws Rejected {
        PreparedQueriesTable q = t.get(QUERIES);
        if (idOrName == null || idOrName.isEmpty()) {
            throw new Rejected(MISSING_QUERY_ID);
        }
        if (isUuid(idOrName)) {
            PreparedQuery byId = q.get(idOrName);
            if (byId != null) {
                if (byId.isTemplate()) {
                    throw new Rejected("prepared query templates can only be resolved up by name, not by ID");
                }
                return TableUnit.indexed(q.index(), byId);
            }
        }
        PreparedQuery found = q.byName(idOrName);
        if (found == null) {
            found = q.longestTemplatePrefix(idOrName);
        }
        if (found == null || !found.isTemplate()) {
            return TableUnit.indexed(q.index(), found);
        }
        try {
            return TableUnit.indexed(q.index(), q.compiled(found.id()).render(idOrName, segment));
        } catch (QueryTemplate.TemplateException e) {
            throw new Rejected(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ writes

    static void apply(Txn tx, PreparedQueryRequest req) throws Rejected {
        if (req.op() == null) {
            throw new Rejected("Unknown prepared query operation: ");
        }
        PreparedQuery query = req.query();
        if (query == null || query.id().isEmpty()) {
            throw new Rejected(MISSING_QUERY_ID);
        }
        switch (req.op()) {
            case CREATE, UPDATE -> set(tx, query);
            case DELETE -> delete(tx, query.id());
        }
    }

    private static void set(Txn tx, PreparedQuery query) throws Rejected {
        PreparedQueriesTable table = tx.get(QUERIES);
        PreparedQuery existing = table.get(query.id());
        PreparedQuery q = query.withIndexes(existing != null ? existing.createIndex() : tx.index, tx.index);
        if (!q.name().isEmpty()) {
            PreparedQuery other = table.byName(q.name());
            if (other != null && !other.id().equals(q.id())) {
                throw new Rejected("name '" + q.name() + "' aliases an existing query name");
            }
        } else if (q.isTemplate()) {
            PreparedQuery other = table.template("");
            if (other != null && !other.id().equals(q.id())) {
                throw new Rejected("a query template with an empty name already exists");
            }
        }
        if (isUuid(q.name()) && table.get(q.name()) != null) {
            throw new Rejected("name '" + q.name() + "' aliases an existing query ID");
        }
        if (!q.session().isEmpty() && tx.get(SessionUnit.SESSIONS).get(q.session()) == null) {
            throw new Rejected("invalid session \"" + q.session() + "\"");
        }
        QueryTemplate template = null;
        if (q.isTemplate()) {
            try {
                template = QueryTemplate.compile(q);
            } catch (QueryTemplate.TemplateException e) {
                throw new Rejected("failed compiling template: " + e.getMessage());
            }
        }
        tx.set(QUERIES, table.put(q, template, tx.index));
        touched(tx, q.id());
    }

    /** Deletes the query if it exists (a no-op otherwise, as in Consul). */
    static void delete(Txn tx, String id) {
        PreparedQueriesTable table = tx.get(QUERIES);
        if (table.get(id) == null) {
            return;
        }
        tx.set(QUERIES, table.remove(id, tx.index));
        touched(tx, id);
    }

    /** A session ended: the queries bound to it go with it. */
    static void invalidateSession(Txn tx, String sessionId) {
        for (String id : tx.get(QUERIES).idsOfSession(sessionId)) {
            delete(tx, id);
        }
    }

    private static void touched(Txn tx, String id) {
        tx.topics.add(ALL_TOPIC);
        tx.topics.add(queryTopic(id));
    }

    // ------------------------------------------------------------------ snapshot

    @Override
    public List<TableKey<?>> tables() {
        return List.of(QUERIES);
    }

    /**
     * A store whose table was never written has neither index entry nor member: it writes the bytes it wrote before
     * this table existed (the version 1 golden files stay valid), and a snapshot without them restores as empty.
     */
    private static boolean unused(PreparedQueriesTable q) {
        return q.index() == 0 && q.rows().isEmpty();
    }

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        if (!unused(t.get(QUERIES))) {
            out.index(QUERIES.name, t.get(QUERIES).index());
        }
    }

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        if (!unused(t.get(QUERIES))) {
            SnapshotCodec.writeRows(g, "PreparedQueries", t.get(QUERIES).rows(), q -> q);
        }
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private PreparedQueriesTable queries = PreparedQueriesTable.EMPTY;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                if (!name.equals("PreparedQueries")) {
                    return false;
                }
                for (PreparedQuery q : SnapshotCodec.readArray(p, PreparedQuery.class)) {
                    QueryTemplate template = null;
                    if (q.isTemplate()) {
                        try {
                            template = QueryTemplate.compile(q);
                        } catch (QueryTemplate.TemplateException e) {
                            throw new IOException("failed compiling template: " + e.getMessage(), e);
                        }
                    }
                    queries = queries.put(q, template, 0);
                }
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                out.put(QUERIES, new PreparedQueriesTable(queries.rows(), queries.byName(), queries.templates(),
                        queries.bySession(), queries.compiled(), indexes.getOrDefault(QUERIES.name, 0L)));
            }
        };
    }
}
