package dev.proconsul.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The KV table family (Consul's kvs.go): entries and the graveyard of tombstones, their reads, writes, watch topics
 * and snapshot members ({@code KVs}, {@code Tombstones}).
 *
 * <p>Writes have Consul's semantics: a set that changes nothing is not written; a CAS with index 0 only creates;
 * deleting leaves a tombstone so that prefix reads keep a monotonic index; lock needs a live session (and unlock the
 * holder's). Each verb returns the boolean the HTTP API answers with.
 */
final class KVUnit implements TableUnit {
    static final TableKey<KVTable> ENTRIES = new TableKey<>("kvs", KVTable.EMPTY);
    static final TableKey<Graveyard> TOMBSTONES = new TableKey<>("tombstones", Graveyard.EMPTY);
    static final KVUnit UNIT = new KVUnit();

    private KVUnit() {
    }

    // ------------------------------------------------------------------ topics

    static String keyTopic(String key) {
        return "k:" + key;
    }

    static String prefixTopic(String prefix) {
        return "p:" + prefix;
    }

    /** A write to key fires the key and every prefix of it (including "" and the key itself): O(key length). */
    static void addWriteTopics(Collection<String> out, String key) {
        out.add(keyTopic(key));
        for (int i = 0; i <= key.length(); i++) {
            out.add(prefixTopic(key.substring(0, i)));
        }
    }

    // ------------------------------------------------------------------ reads

    /** The index of the KV tables: the higher of the entries' and the graveyard's. */
    static long tablesIndex(Tables t) {
        return Math.max(t.get(ENTRIES).index(), t.get(TOMBSTONES).index());
    }

    static Indexed<KVEntry> get(Tables t, String key) {
        KVEntry e = t.get(ENTRIES).get(key);
        return TableUnit.indexed(e != null ? e.modifyIndex() : tablesIndex(t), e);
    }

    static Indexed<List<KVEntry>> list(Tables t, String prefix) {
        List<KVEntry> out = new ArrayList<>();
        long max = 0;
        for (Map.Entry<String, KVEntry> e : Keys.withPrefix(t.get(ENTRIES).entries(), prefix)) {
            out.add(e.getValue());
            max = Math.max(max, e.getValue().modifyIndex());
        }
        return TableUnit.indexed(prefixIndex(t, prefix, max), Collections.unmodifiableList(out));
    }

    static Indexed<List<String>> keys(Tables t, String prefix, String separator) {
        boolean rollUp = separator != null && !separator.isEmpty();
        List<String> out = new ArrayList<>();
        String last = null;
        long max = 0;
        for (Map.Entry<String, KVEntry> e : Keys.withPrefix(t.get(ENTRIES).entries(), prefix)) {
            String key = e.getKey();
            max = Math.max(max, e.getValue().modifyIndex());
            if (rollUp) {
                int at = key.indexOf(separator, prefix.length());
                if (at >= 0) {
                    key = key.substring(0, at + separator.length());
                    if (key.equals(last)) {
                        continue;
                    }
                }
            }
            out.add(key);
            last = key;
        }
        return TableUnit.indexed(prefixIndex(t, prefix, max), Collections.unmodifiableList(out));
    }

    /** Consul's prefix index: highest entry or tombstone under the prefix; the tables' index for "" or nothing. */
    private static long prefixIndex(Tables t, String prefix, long entriesMax) {
        long idx = prefix.isEmpty() ? tablesIndex(t)
                : Math.max(entriesMax, t.get(TOMBSTONES).maxIndexUnder(prefix));
        return idx != 0 ? idx : tablesIndex(t);
    }

    // ------------------------------------------------------------------ writes

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
        KVEntry existing = tx.get(ENTRIES).get(in.key());
        String session = updateSession ? in.session() : (existing == null ? null : existing.session());
        long lockIndex = updateSession ? in.lockIndex() : (existing == null ? 0 : existing.lockIndex());
        KVEntry wanted = new KVEntry(lockIndex, in.key(), in.flags(), copy(in.value()), session,
                existing == null ? tx.index : existing.createIndex(), tx.index);
        if (existing != null && sameContent(existing, wanted)) {
            return;
        }
        tx.set(ENTRIES, tx.get(ENTRIES).put(wanted, tx.index));
        addWriteTopics(tx.topics, in.key());
    }

    static boolean cas(Txn tx, KVEntry in) {
        KVEntry existing = tx.get(ENTRIES).get(in.key());
        long expected = in.modifyIndex();
        if (expected == 0 ? existing != null : existing == null || existing.modifyIndex() != expected) {
            return false;
        }
        set(tx, in, false);
        return true;
    }

    static void delete(Txn tx, String key) {
        if (tx.get(ENTRIES).get(key) == null) {
            return;
        }
        tx.set(ENTRIES, tx.get(ENTRIES).remove(key, tx.index));
        tx.set(TOMBSTONES, tx.get(TOMBSTONES).bury(key, tx.index));
        addWriteTopics(tx.topics, key);
    }

    static boolean deleteCas(Txn tx, KVEntry in) {
        KVEntry existing = tx.get(ENTRIES).get(in.key());
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
        for (Map.Entry<String, KVEntry> e : Keys.withPrefix(tx.get(ENTRIES).entries(), prefix)) {
            keys.add(e.getKey());
        }
        for (String key : keys) {
            delete(tx, key);
        }
    }

    static boolean lock(Txn tx, KVEntry in) throws Rejected {
        if (CatalogUnit.isEmpty(in.session())) {
            throw new Rejected("missing session");
        }
        if (tx.get(SessionUnit.SESSIONS).get(in.session()) == null) {
            throw new Rejected("invalid session \"" + in.session() + "\"");
        }
        KVEntry existing = tx.get(ENTRIES).get(in.key());
        long lockIndex;
        if (existing == null) {
            lockIndex = 1;
        } else if (in.session().equals(existing.session())) {
            lockIndex = existing.lockIndex();
        } else if (!CatalogUnit.isEmpty(existing.session())) {
            return false;
        } else {
            lockIndex = existing.lockIndex() + 1;
        }
        set(tx, new KVEntry(lockIndex, in.key(), in.flags(), in.value(), in.session(), 0, 0), true);
        return true;
    }

    static boolean unlock(Txn tx, KVEntry in) throws Rejected {
        if (CatalogUnit.isEmpty(in.session())) {
            throw new Rejected("missing session");
        }
        KVEntry existing = tx.get(ENTRIES).get(in.key());
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

    /** Drops tombstones deleted at or below {@code upTo}; changes no index and fires no topic (see StateStore). */
    static void reap(Txn tx, long upTo) {
        tx.set(TOMBSTONES, tx.get(TOMBSTONES).reap(upTo));
    }

    // ------------------------------------------------------------------ snapshot

    record Tombstone(@JsonProperty("Key") String key, @JsonProperty("Index") long index) {
    }

    @Override
    public List<TableKey<?>> tables() {
        return List.of(ENTRIES, TOMBSTONES);
    }

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        out.index(ENTRIES.name, t.get(ENTRIES).index());
        out.index(TOMBSTONES.name, t.get(TOMBSTONES).index());
    }

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        SnapshotCodec.writeRows(g, "KVs", t.get(ENTRIES).entries(), e -> e);
        g.writeArrayFieldStart("Tombstones");
        for (Map.Entry<String, Long> e : t.get(TOMBSTONES).tombstones()) {
            g.writeObject(new Tombstone(e.getKey(), e.getValue()));
        }
        g.writeEndArray();
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private KVTable kvs = KVTable.EMPTY;
            private Graveyard graveyard = Graveyard.EMPTY;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                switch (name) {
                    case "KVs" -> {
                        for (KVEntry e : SnapshotCodec.readArray(p, KVEntry.class)) {
                            kvs = kvs.put(e, 0);
                        }
                    }
                    case "Tombstones" -> {
                        for (Tombstone ts : SnapshotCodec.readArray(p, Tombstone.class)) {
                            graveyard = graveyard.bury(ts.key(), ts.index());
                        }
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                out.put(ENTRIES, new KVTable(kvs.entries(), indexes.getOrDefault(ENTRIES.name, 0L)));
                out.put(TOMBSTONES, new Graveyard(graveyard.tombstones(),
                        indexes.getOrDefault(TOMBSTONES.name, 0L)));
            }
        };
    }
}
