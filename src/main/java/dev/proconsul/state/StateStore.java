package dev.proconsul.state;

import dev.proconsul.structs.*;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The in-memory state store: pure Java, no I/O besides the snapshot streams it is handed, no threads. Writes come
 * only through {@link #apply} (one thread, increasing raft indexes); reads may run concurrently with it and see a
 * consistent view. Every read takes an optional {@link WatchSet} (null = don't watch) and returns the index a
 * blocking query compares against (never 0).
 *
 * <p>How: all tables live in one immutable {@link Tables} version built from persistent maps. A write builds the
 * next version (sharing everything it did not touch), publishes it with one volatile write, then fires the watch
 * topics it changed. Reads never lock and never wait for a write.
 */
public final class StateStore {
    private final Object writeLock = new Object();
    private final WatchRegistry watches = new WatchRegistry();
    private final LockDelays lockDelays;
    private volatile Tables current = Tables.EMPTY;
    /** Snapshot restores so far: restored tables keep the indexes they were saved with, so indexes alone can repeat. */
    private volatile long restores;

    public StateStore() {
        this(System::currentTimeMillis);
    }

    /** @param clockMillis wall clock (epoch ms) for lock-delays, the store's only use of time */
    public StateStore(LongSupplier clockMillis) {
        this.lockDelays = new LockDelays(clockMillis);
    }

    // ------------------------------------------------------------------ writes

    /**
     * Applies one command at a raft index higher than every earlier one. A rejected command changes nothing (but
     * still counts as applied for {@link #lastIndex}). For KV verbs the result's value is the Boolean the HTTP API
     * answers; for the others TRUE.
     */
    public ApplyResult apply(long index, Command command) {
        synchronized (writeLock) {
            Tables base = current;
            checkIndex(base, index);
            if (command == null) {
                current = base.withLastIndex(index);
                return ApplyResult.rejected(index, "Missing command");
            }
            if (command instanceof RestoreRequest r) {
                return restoreAt(base, index, r);
            }
            Txn tx = new Txn(base, index);
            tx.nowMillis = lockDelays.now();
            Object value;
            try {
                value = switch (command) {
                    case RegisterRequest r -> {
                        CatalogWrites.register(tx, r);
                        yield Boolean.TRUE;
                    }
                    case DeregisterRequest d -> {
                        CatalogWrites.deregister(tx, d);
                        yield Boolean.TRUE;
                    }
                    case KVRequest k -> KVWrites.apply(tx, k);
                    case SessionRequest s -> SessionWrites.apply(tx, s);
                    case TxnRequest t -> TxnWrites.apply(tx, t);
                    case CARootsRequest c -> {
                        CAWrites.set(tx, c);
                        yield Boolean.TRUE;
                    }
                    case CoordinateBatchUpdateRequest c -> {
                        CoordinateWrites.batchUpdate(tx, c);
                        yield Boolean.TRUE;
                    }
                    case RestoreRequest r -> throw new IllegalStateException("restores are applied by restoreAt");
                };
            } catch (Rejected r) {
                current = base.withLastIndex(index);
                return ApplyResult.rejected(index, r.getMessage());
            }
            if (value instanceof TxnResponse r && r.failed()) {
                // Rolled back: nothing of it stays, but the caller learns what failed.
                current = base.withLastIndex(index);
                return ApplyResult.ok(index, r);
            }
            publish(base, tx);
            return ApplyResult.ok(index, value);
        }
    }

    /**
     * A user restore (through Raft): the snapshot's tables replace all of ours at {@code index}, and every watcher
     * wakes. Rows keep the indexes the snapshot recorded; the store's applied index stays the Raft one, so later
     * writes continue from it. A snapshot that does not parse is rejected and changes nothing.
     */
    private ApplyResult restoreAt(Tables base, long index, RestoreRequest r) {
        Tables restored;
        try {
            if (r.state() == null) {
                throw new IOException("no state");
            }
            try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.state()))) {
                restored = SnapshotCodec.read(in);
            }
        } catch (IOException | RuntimeException e) {
            current = base.withLastIndex(index);
            return ApplyResult.rejected(index, "Invalid snapshot: " + e.getMessage());
        }
        long seq = base.seq() + 1;
        current = restored.restoredAs(seq, index);
        restores++; // after publishing: see catalogVersion
        watches.fire(seq, null);
        return ApplyResult.ok(index, Boolean.TRUE);
    }

    /**
     * Drops KV tombstones whose delete index is at most {@code upTo} (the leader decides when, through Raft, so
     * every server reaps the same ones). Changes no index and wakes nobody: a prefix read's index may only move
     * down to the table index, which is at least as high.
     */
    public ApplyResult reapTombstones(long index, long upTo) {
        synchronized (writeLock) {
            Tables base = current;
            checkIndex(base, index);
            Txn tx = new Txn(base, index);
            tx.graveyard = tx.graveyard.reap(upTo);
            current = tx.commit(base.seq());
            return ApplyResult.ok(index, Boolean.TRUE);
        }
    }

    private static void checkIndex(Tables base, long index) {
        if (index <= base.lastIndex()) {
            throw new IllegalArgumentException(
                    "raft index " + index + " is not above the last applied index " + base.lastIndex());
        }
    }

    private void publish(Tables base, Txn tx) {
        if (!tx.changed()) {
            current = base.withLastIndex(tx.index);
            return;
        }
        long seq = base.seq() + 1;
        current = tx.commit(seq);
        tx.lockDelays.forEach(lockDelays::set);
        watches.fire(seq, tx.topics);
    }

    /**
     * A stamp of the catalog (nodes, services, checks) that differs whenever any of it may have changed, snapshot
     * restores included: lets a cache of catalog reads (the DNS answers) check cheaply that it is current. Compare
     * stamps for equality only. A restore bumps its counter after publishing its tables (never before, which could
     * pair new tables with a stamp that never changes again), so a reader racing it may see the old stamp only
     * while the restore is still in progress.
     */
    public long catalogVersion() {
        return restores << 40 ^ current.catalogIndex(true);
    }

    /** Highest raft index applied so far. */
    public long lastIndex() {
        return current.lastIndex();
    }

    // ------------------------------------------------------------------ catalog reads

    /** All nodes by name; index as Consul's: the max of the nodes and services tables. */
    public Indexed<List<Node>> nodes(WatchSet ws) {
        Tables t = view(ws, Topics.NODES);
        List<Node> out = new ArrayList<>(t.nodes().rows().size());
        t.nodes().rows().forEach((k, n) -> out.add(n));
        return indexed(t.catalogIndex(false), Collections.unmodifiableList(out));
    }

    /** value null when the node is unknown; index as for {@link #nodes}. */
    public Indexed<Node> node(String name, WatchSet ws) {
        Tables t = view(ws, Topics.node(name));
        return indexed(t.catalogIndex(false), t.nodes().get(name));
    }

    /** Service name → union of tags of its instances (first-seen order), sorted by name. */
    public Indexed<Map<String, List<String>>> services(WatchSet ws) {
        Tables t = view(ws, Topics.SERVICES);
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : t.services().byName()) {
            NodeService s = t.services().rows().get(e.getValue());
            String folded = Keys.fold(s.service());
            display.putIfAbsent(folded, s.service());
            tags.computeIfAbsent(folded, k -> new LinkedHashSet<>()).addAll(s.tags());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        tags.forEach((folded, set) -> out.put(display.get(folded), Collections.unmodifiableList(new ArrayList<>(set))));
        return indexed(t.services().index(), Collections.unmodifiableMap(out));
    }

    public Indexed<List<ServiceNode>> serviceNodes(String service, WatchSet ws) {
        Tables t = view(ws, Topics.service(service));
        List<ServiceNode> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(t.services().byName(), Keys.prefix(service))) {
            String rowKey = e.getValue();
            out.add(new ServiceNode(nodeOfRow(t, rowKey), t.services().rows().get(rowKey)));
        }
        return indexed(t.serviceIndex(service, false), Collections.unmodifiableList(out));
    }

    /** value null when the node is unknown. */
    public Indexed<NodeServices> nodeServices(String node, WatchSet ws) {
        Tables t = view(ws, Topics.node(node));
        Node n = t.nodes().get(node);
        NodeServices value = n == null ? null
                : new NodeServices(n, List.copyOf(Keys.valuesWithPrefix(t.services().rows(), Keys.prefix(node))));
        return indexed(t.catalogIndex(false), value);
    }

    public Indexed<List<HealthCheck>> nodeChecks(String node, WatchSet ws) {
        Tables t = view(ws, Topics.nodeChecks(node));
        return indexed(t.checks().index(),
                List.copyOf(Keys.valuesWithPrefix(t.checks().rows(), Keys.prefix(node))));
    }

    public Indexed<List<HealthCheck>> serviceChecks(String service, WatchSet ws) {
        Tables t = view(ws, Topics.service(service));
        List<HealthCheck> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(t.checks().byService(), Keys.prefix(service))) {
            out.add(t.checks().rows().get(e.getValue()));
        }
        return indexed(t.checks().index(), Collections.unmodifiableList(out));
    }

    /** state is passing, warning, critical, maintenance or "any". */
    public Indexed<List<HealthCheck>> checksInState(String state, WatchSet ws) {
        Tables t = view(ws, Topics.CHECKS);
        boolean any = "any".equals(state);
        List<HealthCheck> out = new ArrayList<>();
        t.checks().rows().forEach((k, c) -> {
            if (any || c.status().equals(state)) {
                out.add(c);
            }
        });
        return indexed(t.checks().index(), Collections.unmodifiableList(out));
    }

    /** Instances of a service with their node and the checks that apply to them (node-level and their own). */
    public Indexed<List<CheckServiceNode>> checkServiceNodes(String service, WatchSet ws) {
        Tables t = view(ws, Topics.service(service));
        List<CheckServiceNode> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(t.services().byName(), Keys.prefix(service))) {
            String rowKey = e.getValue();
            Node node = nodeOfRow(t, rowKey);
            NodeService svc = t.services().rows().get(rowKey);
            String svcId = Keys.fold(svc.id());
            List<HealthCheck> checks = new ArrayList<>();
            for (Map.Entry<String, HealthCheck> c : Keys.withPrefix(t.checks().rows(), Keys.prefix(node.node()))) {
                String sid = c.getValue().serviceId();
                if (sid.isEmpty() || Keys.fold(sid).equals(svcId)) {
                    checks.add(c.getValue());
                }
            }
            out.add(new CheckServiceNode(node, svc, Collections.unmodifiableList(checks)));
        }
        return indexed(t.serviceIndex(service, true), Collections.unmodifiableList(out));
    }

    private static Node nodeOfRow(Tables t, String serviceRowKey) {
        return t.nodes().rows().get(serviceRowKey.substring(0, serviceRowKey.indexOf(Keys.SEP)));
    }

    // ------------------------------------------------------------------ KV reads

    /** value null when the key is absent. */
    public Indexed<KVEntry> kvGet(String key, WatchSet ws) {
        Tables t = view(ws, Topics.kvKey(key));
        KVEntry e = t.kvs().get(key);
        return indexed(e != null ? e.modifyIndex() : t.kvTablesIndex(), e);
    }

    public Indexed<List<KVEntry>> kvList(String prefix, WatchSet ws) {
        Tables t = view(ws, Topics.kvPrefix(prefix));
        List<KVEntry> out = new ArrayList<>();
        long max = 0;
        for (Map.Entry<String, KVEntry> e : Keys.withPrefix(t.kvs().entries(), prefix)) {
            out.add(e.getValue());
            max = Math.max(max, e.getValue().modifyIndex());
        }
        return indexed(prefixIndex(t, prefix, max), Collections.unmodifiableList(out));
    }

    /** Keys under prefix; with a non-empty separator, keys are rolled up after the first separator past the prefix. */
    public Indexed<List<String>> kvKeys(String prefix, String separator, WatchSet ws) {
        Tables t = view(ws, Topics.kvPrefix(prefix));
        boolean rollUp = separator != null && !separator.isEmpty();
        List<String> out = new ArrayList<>();
        String last = null;
        long max = 0;
        for (Map.Entry<String, KVEntry> e : Keys.withPrefix(t.kvs().entries(), prefix)) {
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
        return indexed(prefixIndex(t, prefix, max), Collections.unmodifiableList(out));
    }

    /** Consul's prefix index: highest entry or tombstone under the prefix; the tables' index for "" or nothing. */
    private static long prefixIndex(Tables t, String prefix, long entriesMax) {
        long idx = prefix.isEmpty() ? t.kvTablesIndex() : Math.max(entriesMax, t.graveyard().maxIndexUnder(prefix));
        return idx != 0 ? idx : t.kvTablesIndex();
    }

    /**
     * True while a lock-delay keeps {@code key} from being locked (after the session holding it was invalidated).
     * Checked by the leader before a lock goes through Raft, as Consul does, since it depends on the wall clock.
     */
    public boolean kvLockDelayed(String key) {
        return lockDelays.isDelayed(key);
    }

    // ------------------------------------------------------------------ sessions

    /** value null when the session is unknown; index: the sessions table's. */
    public Indexed<Session> session(String id, WatchSet ws) {
        Tables t = view(ws, Topics.session(id));
        return indexed(t.sessions().index(), t.sessions().get(id));
    }

    /** All sessions, by ID. */
    public Indexed<List<Session>> sessions(WatchSet ws) {
        Tables t = view(ws, Topics.SESSIONS);
        List<Session> out = new ArrayList<>(t.sessions().rows().size());
        t.sessions().rows().forEach((id, s) -> out.add(s));
        return indexed(t.sessions().index(), Collections.unmodifiableList(out));
    }

    /** The sessions of one node (by name, case-insensitive), by ID. */
    public Indexed<List<Session>> nodeSessions(String node, WatchSet ws) {
        Tables t = view(ws, Topics.nodeSessions(node));
        List<Session> out = new ArrayList<>();
        for (String id : t.sessions().idsOnNode(node)) {
            out.add(t.sessions().get(id));
        }
        return indexed(t.sessions().index(), Collections.unmodifiableList(out));
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Runs a transaction of read operations against the current version, without Raft (the caller checks that
     * every operation only reads). Index: the highest of the KV and catalog tables'.
     */
    public Indexed<TxnResponse> txnRead(TxnRequest request) {
        Tables t = current;
        Txn scratch = new Txn(t, t.lastIndex());
        scratch.nowMillis = lockDelays.now();
        TxnResponse r = TxnWrites.apply(scratch, request);
        return indexed(Math.max(t.kvTablesIndex(), t.catalogIndex(true)), r);
    }

    // ------------------------------------------------------------------ CA

    /** The CA state; no roots and a null cluster ID before the CA is initialised. */
    public Indexed<CARoots> caRoots(WatchSet ws) {
        Tables t = view(ws, Topics.CA);
        return indexed(t.ca().index(), t.ca().roots());
    }

    // ------------------------------------------------------------------ coordinates

    /** Every node's coordinates (all segments), by node then segment; index: the coordinates table's. */
    public Indexed<List<CoordinateEntry>> coordinates(WatchSet ws) {
        Tables t = view(ws, Topics.COORDINATES);
        List<CoordinateEntry> out = new ArrayList<>(t.coordinates().rows().size());
        t.coordinates().rows().forEach((k, row) -> out.add(row.entry()));
        return indexed(t.coordinates().index(), Collections.unmodifiableList(out));
    }

    /** One node's coordinates, one per segment (empty when it has none); index: the coordinates table's. */
    public Indexed<List<CoordinateEntry>> nodeCoordinates(String node, WatchSet ws) {
        Tables t = view(ws, Topics.nodeCoordinates(node));
        List<CoordinateEntry> out = new ArrayList<>();
        for (CoordinatesTable.Row row : t.coordinates().ofNode(node)) {
            out.add(row.entry());
        }
        return indexed(t.coordinates().index(), Collections.unmodifiableList(out));
    }

    /** The indexes of one stored coordinate ({createIndex, modifyIndex}), or null when there is none. */
    public long[] coordinateIndexes(String node, String segment) {
        CoordinatesTable.Row row = current.coordinates().get(node, segment);
        return row == null ? null : new long[] {row.createIndex(), row.modifyIndex()};
    }

    // ------------------------------------------------------------------ snapshots

    /** Writes the whole store in the documented, versioned snapshot format (docs/snapshot-format.md). */
    public void writeSnapshot(OutputStream out) throws IOException {
        SnapshotCodec.write(current, out);
    }

    /**
     * Replaces the whole store with a snapshot's contents and wakes every watcher. The snapshot is read completely
     * before anything changes, so a bad one leaves the store as it was.
     */
    public void restoreSnapshot(InputStream in) throws IOException {
        Tables restored = SnapshotCodec.read(in);
        synchronized (writeLock) {
            long seq = current.seq() + 1;
            current = new Tables(seq, restored.lastIndex(), restored.nodes(), restored.services(), restored.checks(),
                    restored.kvs(), restored.graveyard(), restored.ca(), restored.sessions(),
                    restored.coordinates());
            watches.fire(seq, null);
            restores++; // after publishing: see catalogVersion
        }
    }

    // ------------------------------------------------------------------ watch accounting

    /** What parked blocking queries currently hold, for the server layer to cap. */
    public record WatchStats(int watchedTopics, long waiters) {
    }

    public WatchStats watchStats() {
        return new WatchStats(watches.channelCount(), watches.waiterCount());
    }

    // ------------------------------------------------------------------ helpers

    private Tables view(WatchSet ws, String topic) {
        Tables t = current;
        if (ws != null) {
            ws.add(watches, t.seq(), topic);
        }
        return t;
    }

    private static <T> Indexed<T> indexed(long index, T value) {
        return new Indexed<>(Math.max(1, index), value);
    }
}
