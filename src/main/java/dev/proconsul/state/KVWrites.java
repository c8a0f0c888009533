package dev.proconsul.state;

import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The KV verbs, with Consul's semantics: a set that changes nothing is not written; a CAS with index 0 only creates;
 * deleting leaves a tombstone so that prefix reads keep a monotonic index; lock needs a live session (and unlock the
 * holder's).
 * Each returns the Boolean the HTTP API answers with.
 */
final class KVWrites {
    private KVWrites() {
    }

    static boolean apply(Txn tx, KVRequest req) throws Rejected {
        if (req.verb() == null) {
            throw new Rejected("Invalid KV operation: missing verb");
        }
        KVEntry e = req.entry();
        if (e == null || (e.key() == null && req.verb() != KVRequest.Verb.DELETE_TREE)) {
            throw new Rejected("Missing key");
        }
        return switch (req.verb()) {
            case SET -> {
                set(tx, e, false);
                yield true;
            }
            case CAS -> cas(tx, e);
            case DELETE -> {
                delete(tx, e.key());
                yield true;
            }
            case DELETE_CAS -> deleteCas(tx, e);
            case DELETE_TREE -> {
                deleteTree(tx, e.key() == null ? "" : e.key());
                yield true;
            }
            case LOCK -> lock(tx, e);
            case UNLOCK -> unlock(tx, e);
        };
    }

    static void set(Txn tx, KVEntry in, boolean updateSession) {
        KVEntry existing = tx.kvs.get(in.key());
        String session = updateSession ? in.session() : (existing == null ? null : existing.session());
        long lockIndex = updateSession ? in.lockIndex() : (existing == null ? 0 : existing.lockIndex());
        KVEntry wanted = new KVEntry(lockIndex, in.key(), in.flags(), copy(in.value()), session,
                existing == null ? tx.index : existing.createIndex(), tx.index);
        if (existing != null && sameContent(existing, wanted)) {
            return;
        }
        tx.kvs = tx.kvs.put(wanted, tx.index);
        Topics.addKvWrite(tx.topics, in.key());
    }

    static boolean cas(Txn tx, KVEntry in) {
        KVEntry existing = tx.kvs.get(in.key());
        long expected = in.modifyIndex();
        if (expected == 0 ? existing != null : existing == null || existing.modifyIndex() != expected) {
            return false;
        }
        set(tx, in, false);
        return true;
    }

    static void delete(Txn tx, String key) {
        if (tx.kvs.get(key) == null) {
            return;
        }
        tx.kvs = tx.kvs.remove(key, tx.index);
        tx.graveyard = tx.graveyard.bury(key, tx.index);
        Topics.addKvWrite(tx.topics, key);
    }

    static boolean deleteCas(Txn tx, KVEntry in) {
        KVEntry existing = tx.kvs.get(in.key());
        if (existing == null) {
            return true;
        }
        if (existing.modifyIndex() != in.modifyIndex()) {
            return false;
        }
        delete(tx, in.key());
        return true;
    }

    static void deleteTree(Txn tx, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, KVEntry> e : Keys.withPrefix(tx.kvs.entries(), prefix)) {
            keys.add(e.getKey());
        }
        for (String key : keys) {
            delete(tx, key);
        }
    }

    static boolean lock(Txn tx, KVEntry in) throws Rejected {
        if (CatalogWrites.isEmpty(in.session())) {
            throw new Rejected("missing session");
        }
        if (tx.sessions.get(in.session()) == null) {
            throw new Rejected("invalid session \"" + in.session() + "\"");
        }
        KVEntry existing = tx.kvs.get(in.key());
        long lockIndex;
        if (existing == null) {
            lockIndex = 1;
        } else if (in.session().equals(existing.session())) {
            lockIndex = existing.lockIndex();
        } else if (!CatalogWrites.isEmpty(existing.session())) {
            return false;
        } else {
            lockIndex = existing.lockIndex() + 1;
        }
        set(tx, new KVEntry(lockIndex, in.key(), in.flags(), in.value(), in.session(), 0, 0), true);
        return true;
    }

    static boolean unlock(Txn tx, KVEntry in) throws Rejected {
        if (CatalogWrites.isEmpty(in.session())) {
            throw new Rejected("missing session");
        }
        KVEntry existing = tx.kvs.get(in.key());
        if (existing == null || !in.session().equals(existing.session())) {
            return false;
        }
        set(tx, new KVEntry(existing.lockIndex(), in.key(), in.flags(), in.value(), null, 0, 0), true);
        return true;
    }

    private static boolean sameContent(KVEntry a, KVEntry b) {
        return a.lockIndex() == b.lockIndex() && a.flags() == b.flags() && Objects.equals(a.session(), b.session())
                && Arrays.equals(a.value(), b.value()) && (a.value() == null) == (b.value() == null);
    }

    /**
     * Entries are shared with every reader: keep a private copy of the caller's bytes. An empty value is stored as
     * nil, as Consul's store holds it (its Raft codec decodes empty bytes to nil): /v1/kv answers "Value": null.
     */
    private static byte[] copy(byte[] v) {
        return v == null || v.length == 0 ? null : v.clone();
    }
}
