package dev.proconsul.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The sessions table (Consul's session.go): its reads, writes, watch topics and snapshot member
 * ({@code Sessions}). Lock-delays are not here: they follow the wall clock, so each server keeps its own
 * (StateStore's LockDelays) and they are not snapshotted.
 *
 * <p>Writes: create and destroy, and invalidation: when a session ends (destroyed, its node deregistered, one of its
 * checks critical or gone) the locks it holds are released or their keys deleted, per its Behavior, in the same
 * write, and each such key gets the session's lock-delay; the prepared queries bound to it are deleted.
 */
final class SessionUnit implements TableUnit {
    static final TableKey<SessionsTable> SESSIONS = new TableKey<>("sessions", SessionsTable.EMPTY);
    static final SessionUnit UNIT = new SessionUnit();

    /** Topic: the sessions table as a whole. */
    static final String ALL_TOPIC = "sessions";

    private SessionUnit() {
    }

    /** Topic: one session's row. */
    static String sessionTopic(String id) {
        return "ss:" + id;
    }

    /** Topic: the sessions of one node. */
    static String nodeTopic(String node) {
        return "sn:" + Keys.fold(node);
    }

    // ------------------------------------------------------------------ reads

    /** value null when the session is unknown; index: the sessions table's. */
    static Indexed<Session> session(Tables t, String id) {
        SessionsTable sessions = t.get(SESSIONS);
        return TableUnit.indexed(sessions.index(), sessions.get(id));
    }

    /** All sessions, by ID. */
    static Indexed<List<Session>> sessions(Tables t) {
        SessionsTable sessions = t.get(SESSIONS);
        List<Session> out = new ArrayList<>(sessions.rows().size());
        sessions.rows().forEach((id, s) -> out.add(s));
        return TableUnit.indexed(sessions.index(), Collections.unmodifiableList(out));
    }

    /** The sessions of one node (by name, case-insensitive), by ID. */
    static Indexed<List<Session>> nodeSessions(Tables t, String node) {
        SessionsTable sessions = t.get(SESSIONS);
        List<Session> out = new ArrayList<>();
        for (String id : sessions.idsOnNode(node)) {
            out.add(sessions.get(id));
        }
        return TableUnit.indexed(sessions.index(), Collections.unmodifiableList(out));
    }

    // ------------------------------------------------------------------ writes

    /** @return for a create the session's ID, for a destroy {@link ApplyResult.Flag#TRUE} */
    static ApplyResult.Value apply(Txn tx, SessionRequest req) throws Rejected {
        if (req.op() == null) {
            throw new Rejected("Invalid session operation: missing Op");
        }
        Session s = req.session();
        if (s == null || CatalogUnit.isEmpty(s.id())) {
            throw new Rejected("Must provide ID");
        }
        return switch (req.op()) {
            case CREATE -> {
                create(tx, s);
                yield new ApplyResult.SessionId(s.id());
            }
            case DESTROY -> {
                destroy(tx, s.id());
                yield ApplyResult.Flag.TRUE;
            }
        };
    }

    private static void create(Txn tx, Session s) throws Rejected {
        if (tx.get(SESSIONS).get(s.id()) != null) {
            throw new Rejected("Session ID " + s.id() + " already exists");
        }
        if (CatalogUnit.isEmpty(s.node())) {
            throw new Rejected("Must provide Node");
        }
        if (!Session.RELEASE.equals(s.behavior()) && !Session.DELETE.equals(s.behavior())) {
            throw new Rejected("Invalid Behavior setting '" + s.behavior() + "'");
        }
        if (tx.get(CatalogUnit.NODES).get(s.node()) == null) {
            throw new Rejected("Missing node registration");
        }
        for (String checkId : s.allCheckIds()) {
            HealthCheck c = tx.get(CatalogUnit.CHECKS).get(s.node(), checkId);
            if (c == null) {
                throw new Rejected("Missing check '" + checkId + "' registration");
            }
            if (HealthCheck.CRITICAL.equals(c.status())) {
                throw new Rejected("Check '" + checkId + "' is in " + c.status() + " state");
            }
        }
        tx.set(SESSIONS, tx.get(SESSIONS).put(s.withIndexes(tx.index, tx.index), tx.index));
        touched(tx, s);
    }

    /** Ends the session if it exists; a no-op otherwise (destroy is idempotent, as Consul's is). */
    static void destroy(Txn tx, String id) {
        Session s = tx.get(SESSIONS).get(id);
        if (s == null) {
            return;
        }
        tx.set(SESSIONS, tx.get(SESSIONS).remove(id, tx.index));
        touched(tx, s);
        PreparedQueryUnit.invalidateSession(tx, id);
        long delayMillis = Math.min(s.lockDelay(), Session.MAX_LOCK_DELAY_NANOS) / 1_000_000L;
        for (String key : tx.get(KVUnit.ENTRIES).keysLockedBy(id)) {
            KVEntry e = tx.get(KVUnit.ENTRIES).get(key);
            if (Session.DELETE.equals(s.behavior())) {
                KVUnit.delete(tx, key);
            } else {
                KVUnit.set(tx, new KVEntry(e.lockIndex(), key, e.flags(), e.value(), null, 0, 0), true);
            }
            if (delayMillis > 0) {
                tx.lockDelays.merge(key, tx.nowMillis + delayMillis, Math::max);
            }
        }
    }

    /** The node left the catalog: its sessions end with it. */
    static void invalidateNode(Txn tx, String node) {
        for (String id : tx.get(SESSIONS).idsOnNode(node)) {
            destroy(tx, id);
        }
    }

    /** A check went critical or was removed: the sessions bound to it end. */
    static void invalidateCheck(Txn tx, String node, String checkId) {
        for (String id : tx.get(SESSIONS).idsOnCheck(node, checkId)) {
            destroy(tx, id);
        }
    }

    private static void touched(Txn tx, Session s) {
        tx.topics.add(ALL_TOPIC);
        tx.topics.add(sessionTopic(s.id()));
        tx.topics.add(nodeTopic(s.node()));
    }

    // ------------------------------------------------------------------ snapshot

    @Override
    public List<TableKey<?>> tables() {
        return List.of(SESSIONS);
    }

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        out.index(SESSIONS.name, t.get(SESSIONS).index());
    }

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        SnapshotCodec.writeRows(g, "Sessions", t.get(SESSIONS).rows(), s -> s);
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private SessionsTable sessions = SessionsTable.EMPTY;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                if (!name.equals("Sessions")) {
                    return false;
                }
                for (Session s : SnapshotCodec.readArray(p, Session.class)) {
                    sessions = sessions.put(s, 0);
                }
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                out.put(SESSIONS, new SessionsTable(sessions.rows(), sessions.byNode(), sessions.byCheck(),
                        indexes.getOrDefault(SESSIONS.name, 0L)));
            }
        };
    }
}
