package dev.proconsul.state;

import dev.proconsul.structs.*;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
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
     * still counts as applied for {@link #lastIndex}). KV verbs answer the {@link ApplyResult.Flag} the HTTP API
     * answers, a session create its {@link ApplyResult.SessionId}, a transaction its {@link ApplyResult.Txn}; the
     * others {@link ApplyResult.Flag#TRUE}.
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
            ApplyResult.Value value;
            try {
                value = switch (command) {
                    case RegisterRequest r -> {
                        CatalogUnit.register(tx, r);
                        yield ApplyResult.Flag.TRUE;
                    }
                    case DeregisterRequest d -> {
                        CatalogUnit.deregister(tx, d);
                        yield ApplyResult.Flag.TRUE;
                    }
                    case KVRequest k -> ApplyResult.Flag.of(KVUnit.apply(tx, k));
                    case SessionRequest s -> SessionUnit.apply(tx, s);
                    case TxnRequest t -> new ApplyResult.Txn(TxnWrites.apply(tx, t));
                    case CARootsRequest c -> {
                        CAUnit.set(tx, c);
                        yield ApplyResult.Flag.TRUE;
                    }
                    case AutopilotSetConfigRequest a -> ApplyResult.Flag.of(AutopilotUnit.set(tx, a));
                    case CoordinateBatchUpdateRequest c -> {
                        CoordinateUnit.batchUpdate(tx, c);
                        yield ApplyResult.Flag.TRUE;
                    }
                    case PreparedQueryRequest q -> {
                        PreparedQueryUnit.apply(tx, q);
                        yield ApplyResult.Flag.TRUE;
                    }
                    case BarrierRequest b -> ApplyResult.Flag.TRUE;
                    case RestoreRequest r -> throw new IllegalStateException("restores are applied by restoreAt");
                };
            } catch (Rejected r) {
                current = base.withLastIndex(index);
                return ApplyResult.rejected(index, r.getMessage());
            }
            if (value instanceof ApplyResult.Txn t && t.response().failed()) {
                // Rolled back: nothing of it stays, but the caller learns what failed.
                current = base.withLastIndex(index);
                return ApplyResult.ok(index, value);
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
        install(restored.restoredAs(base.seq() + 1, index));
        return ApplyResult.done(index);
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
            KVUnit.reap(tx, upTo);
            current = tx.commit(base.seq());
            return ApplyResult.done(index);
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

    /** Publishes restored tables (under the write lock) and wakes every watcher. */
    private void install(Tables restored) {
        current = restored;
        restores++; // after publishing: see catalogVersion
        watches.fire(restored.seq(), null);
    }

    /**
     * A stamp of the catalog (nodes, services, checks) that differs whenever any of it may have changed, snapshot
     * restores included: lets a cache of catalog reads (the DNS answers) check cheaply that it is current. Compare
     * stamps for equality only. A restore bumps its counter after publishing its tables (never before, which could
     * pair new tables with a stamp that never changes again), so a reader racing it may see the old stamp only
     * while the restore is still in progress.
     */
    public long catalogVersion() {
        return restores << 40 ^ CatalogUnit.catalogIndex(current, true);
    }

    /** Highest raft index applied so far. */
    public long lastIndex() {
        return current.lastIndex();
    }

    // ------------------------------------------------------------------ catalog reads

    /** All nodes by name; index as Consul's: the max of the nodes and services tables. */
    public Indexed<List<Node>> nodes(WatchSet ws) {
        return CatalogUnit.nodes(view(ws, CatalogUnit.NODES_TOPIC));
    }

    /** value null when the node is unknown; index as for {@link #nodes}. */
    public Indexed<Node> node(String name, WatchSet ws) {
        return CatalogUnit.node(view(ws, CatalogUnit.nodeTopic(name)), name);
    }

    /** Service name → union of tags of its instances (first-seen order), sorted by name. */
    public Indexed<Map<String, List<String>>> services(WatchSet ws) {
        return CatalogUnit.services(view(ws, CatalogUnit.SERVICES_TOPIC));
    }

    public Indexed<List<ServiceNode>> serviceNodes(String service, WatchSet ws) {
        return CatalogUnit.serviceNodes(view(ws, CatalogUnit.serviceTopic(service)), service);
    }

    /** value null when the node is unknown. */
    public Indexed<NodeServices> nodeServices(String node, WatchSet ws) {
        return CatalogUnit.nodeServices(view(ws, CatalogUnit.nodeTopic(node)), node);
    }

    public Indexed<List<HealthCheck>> nodeChecks(String node, WatchSet ws) {
        return CatalogUnit.nodeChecks(view(ws, CatalogUnit.nodeChecksTopic(node)), node);
    }

    public Indexed<List<HealthCheck>> serviceChecks(String service, WatchSet ws) {
        return CatalogUnit.serviceChecks(view(ws, CatalogUnit.serviceTopic(service)), service);
    }

    /** state is passing, warning, critical, maintenance or "any". */
    public Indexed<List<HealthCheck>> checksInState(String state, WatchSet ws) {
        return CatalogUnit.checksInState(view(ws, CatalogUnit.CHECKS_TOPIC), state);
    }

    /** Instances of a service with their node and the checks that apply to them (node-level and their own). */
    public Indexed<List<CheckServiceNode>> checkServiceNodes(String service, WatchSet ws) {
        return CatalogUnit.checkServiceNodes(view(ws, CatalogUnit.serviceTopic(service)), service);
    }

    // ------------------------------------------------------------------ KV reads

    /** value null when the key is absent. */
    public Indexed<KVEntry> kvGet(String key, WatchSet ws) {
        return KVUnit.get(view(ws, KVUnit.keyTopic(key)), key);
    }

    public Indexed<List<KVEntry>> kvList(String prefix, WatchSet ws) {
        return KVUnit.list(view(ws, KVUnit.prefixTopic(prefix)), prefix);
    }

    /** Keys under prefix; with a non-empty separator, keys are rolled up after the first separator past the prefix. */
    public Indexed<List<String>> kvKeys(String prefix, String separator, WatchSet ws) {
        return KVUnit.keys(view(ws, KVUnit.prefixTopic(prefix)), prefix, separator);
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
        return SessionUnit.session(view(ws, SessionUnit.sessionTopic(id)), id);
    }

    /** All sessions, by ID. */
    public Indexed<List<Session>> sessions(WatchSet ws) {
        return SessionUnit.sessions(view(ws, SessionUnit.ALL_TOPIC));
    }

    /** The sessions of one node (by name, case-insensitive), by ID. */
    public Indexed<List<Session>> nodeSessions(String node, WatchSet ws) {
        return SessionUnit.nodeSessions(view(ws, SessionUnit.nodeTopic(node)), node);
    }

    // ------------------------------------------------------------------ prepared queries

    /** value null when the query is unknown; index: the prepared queries table's. */
    public Indexed<PreparedQuery> preparedQuery(String id, WatchSet ws) {
        return PreparedQueryUnit.get(view(ws, PreparedQueryUnit.queryTopic(id)), id);
    }

    /** All prepared queries, by ID. */
    public Indexed<List<PreparedQuery>> preparedQueries(WatchSet ws) {
        return PreparedQueryUnit.list(view(ws, PreparedQueryUnit.ALL_TOPIC));
    }

    /**
     * The query an execution of {@code idOrName} runs (a template rendered for the name; see
     * {@link PreparedQueryUnit#resolve}); value null when none matches.
     *
     * @param segment the network segment of the agent asking ({@code ${agent.segment}})
     * @throws IllegalArgumentException with Consul's words when the name is empty, a template is named by ID or
     *                                  its rendering fails
     */
    public Indexed<PreparedQuery> preparedQueryResolve(String idOrName, String segment) {
        try {
            return PreparedQueryUnit.resolve(current, idOrName, segment);
        } catch (Rejected r) {
            throw new IllegalArgumentException(r.getMessage());
        }
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
        return TableUnit.indexed(Math.max(KVUnit.tablesIndex(t), CatalogUnit.catalogIndex(t, true)), r);
    }

    // ------------------------------------------------------------------ CA

    /** The stored autopilot configuration; null before one is stored. */
    public Indexed<AutopilotConfig> autopilotConfig(WatchSet ws) {
        return AutopilotUnit.config(view(ws, AutopilotUnit.TOPIC));
    }

    /** The CA state; no roots and a null cluster ID before the CA is initialised. */
    public Indexed<CARoots> caRoots(WatchSet ws) {
        return CAUnit.roots(view(ws, CAUnit.TOPIC));
    }

    // ------------------------------------------------------------------ coordinates

    /** Every node's coordinates (all segments), by node then segment; index: the coordinates table's. */
    public Indexed<List<CoordinateEntry>> coordinates(WatchSet ws) {
        return CoordinateUnit.all(view(ws, CoordinateUnit.ALL_TOPIC));
    }

    /** One node's coordinates, one per segment (empty when it has none); index: the coordinates table's. */
    public Indexed<List<CoordinateEntry>> nodeCoordinates(String node, WatchSet ws) {
        return CoordinateUnit.ofNode(view(ws, CoordinateUnit.nodeTopic(node)), node);
    }

    /** The indexes of one stored coordinate ({createIndex, modifyIndex}), or null when there is none. */
    public long[] coordinateIndexes(String node, String segment) {
        return CoordinateUnit.indexesOf(current, node, segment);
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
            install(restored.restoredAs(current.seq() + 1, restored.lastIndex()));
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
}
