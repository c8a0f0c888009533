package dev.proconsul.state;

import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;

/**
 * Session create and destroy, and invalidation: when a session ends (destroyed, its node deregistered, one of its
 * checks critical or gone) the locks it holds are released or their keys deleted, per its Behavior, in the same
 * write, and each such key gets the session's lock-delay.
 */
final class SessionWrites {
    private SessionWrites() {
    }

    /** @return for a create the session's ID, for a destroy TRUE */
    static Object apply(Txn tx, SessionRequest req) throws Rejected {
        if (req.op() == null) {
            throw new Rejected("Invalid session operation: missing Op");
        }
        Session s = req.session();
        if (s == null || CatalogWrites.isEmpty(s.id())) {
            throw new Rejected("Must provide ID");
        }
        return switch (req.op()) {
            case CREATE -> {
                create(tx, s);
                yield s.id();
            }
            case DESTROY -> {
                destroy(tx, s.id());
                yield Boolean.TRUE;
            }
        };
    }

    private static void create(Txn tx, Session s) throws Rejected {
        if (tx.sessions.get(s.id()) != null) {
            throw new Rejected("Session ID " + s.id() + " already exists");
        }
        if (CatalogWrites.isEmpty(s.node())) {
            throw new Rejected("Must provide Node");
        }
        if (!Session.RELEASE.equals(s.behavior()) && !Session.DELETE.equals(s.behavior())) {
            throw new Rejected("Invalid Behavior setting '" + s.behavior() + "'");
        }
        if (tx.nodes.get(s.node()) == null) {
            throw new Rejected("Missing node registration");
        }
        for (String checkId : s.allCheckIds()) {
            HealthCheck c = tx.checks.get(s.node(), checkId);
            if (c == null) {
                throw new Rejected("Missing check '" + checkId + "' registration");
            }
            if (HealthCheck.CRITICAL.equals(c.status())) {
                throw new Rejected("Check '" + checkId + "' is in " + c.status() + " state");
            }
        }
        tx.sessions = tx.sessions.put(s.withIndexes(tx.index, tx.index), tx.index);
        touched(tx, s);
    }

    /** Ends the session if it exists; a no-op otherwise (destroy is idempotent, as Consul's is). */
    static void destroy(Txn tx, String id) {
        Session s = tx.sessions.get(id);
        if (s == null) {
            return;
        }
        tx.sessions = tx.sessions.remove(id, tx.index);
        touched(tx, s);
        long delayMillis = Math.min(s.lockDelay(), Session.MAX_LOCK_DELAY_NANOS) / 1_000_000L;
        for (String key : tx.kvs.keysLockedBy(id)) {
            KVEntry e = tx.kvs.get(key);
            if (Session.DELETE.equals(s.behavior())) {
                KVWrites.delete(tx, key);
            } else {
                KVWrites.set(tx, new KVEntry(e.lockIndex(), key, e.flags(), e.value(), null, 0, 0), true);
            }
            if (delayMillis > 0) {
                tx.lockDelays.merge(key, tx.nowMillis + delayMillis, Math::max);
            }
        }
    }

    /** The node left the catalog: its sessions end with it. */
    static void invalidateNode(Txn tx, String node) {
        for (String id : tx.sessions.idsOnNode(node)) {
            destroy(tx, id);
        }
    }

    /** A check went critical or was removed: the sessions bound to it end. */
    static void invalidateCheck(Txn tx, String node, String checkId) {
        for (String id : tx.sessions.idsOnCheck(node, checkId)) {
            destroy(tx, id);
        }
    }

    private static void touched(Txn tx, Session s) {
        tx.topics.add(Topics.SESSIONS);
        tx.topics.add(Topics.session(s.id()));
        tx.topics.add(Topics.nodeSessions(s.node()));
    }
}
