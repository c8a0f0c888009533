package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateDatacenterMap;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.Indexed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consul's Coordinate endpoint. Updates are validated at once but written in batches: every agent sends its
 * coordinate every 15 s or more, and one Raft entry per update would make coordinates the busiest thing in the
 * log, so (as Consul's servers do) the latest update per node and segment is kept in memory and all of them go
 * through Raft every update period, at most {@value #BATCH_SIZE} per entry and {@value #MAX_BATCHES} entries per
 * period; the excess is dropped (its nodes send again soon).
 */
public final class Coordinates implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("server.coordinate");
    /** Consul's coordinate_update_period default. */
    public static final Duration DEFAULT_UPDATE_PERIOD = Duration.ofSeconds(5);
    /** Consul's coordinate_update_batch_size and coordinate_update_max_batches defaults. */
    static final int BATCH_SIZE = 128;
    static final int MAX_BATCHES = 5;

    private final StateStore state;
    private final QueryRunner queries;
    private final CommandWriter writer;
    private final BooleanSupplier isLeader;
    private final Duration period;
    private final Map<String, CoordinateEntry> pending = new LinkedHashMap<>();
    private Thread flusher;
    private boolean closed;

    public Coordinates(StateStore state, QueryRunner queries, CommandWriter writer, BooleanSupplier isLeader) {
        this(state, queries, writer, isLeader, DEFAULT_UPDATE_PERIOD);
    }

    public Coordinates(StateStore state, QueryRunner queries, CommandWriter writer, BooleanSupplier isLeader,
                       Duration period) {
        this.state = state;
        this.queries = queries;
        this.writer = writer;
        this.isLeader = isLeader;
        this.period = period;
    }

    /**
     * Queues a node's coordinate for the next batch. Refuses a missing node name, a coordinate with NaN or
     * infinite values ("invalid coordinate") and one of another dimensionality than ours ("rejected bad
     * coordinate: ..."), in Consul's words. A coordinate for a node the catalog does not know is accepted and
     * then dropped when the batch is applied, as Consul does.
     */
    public void update(String datacenter, CoordinateEntry entry) {
        queries.checkDatacenter(datacenter);
        if (entry == null || entry.node() == null || entry.node().isEmpty()) {
            throw EndpointException.badRequest("Must provide node");
        }
        Coordinate c = entry.coord();
        if (c == null) {
            throw EndpointException.badRequest("Must provide coordinate");
        }
        if (!c.isValid()) {
            throw EndpointException.badRequest("invalid coordinate");
        }
        if (c.dimensionality() != Coordinate.DEFAULT_DIMENSIONALITY) {
            throw EndpointException.badRequest("rejected bad coordinate: " + c);
        }
        if (!isLeader.getAsBoolean()) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
        synchronized (pending) {
            if (closed) {
                throw new EndpointException(EndpointException.Kind.INTERNAL, "server is shutting down");
            }
            pending.put(entry.node().toLowerCase(java.util.Locale.ROOT) + '\u0000' + entry.segment(), entry);
            if (flusher == null) {
                // Started on first use: servers that never receive an update run no thread for it.
                flusher = Thread.ofVirtual().name("coordinate-batch").start(this::flushLoop);
            }
        }
    }

    /**
     * Writes everything queued (up to the batch limits) through Raft now. Called every update period; tests call
     * it directly.
     *
     * @return how many updates were written
     */
    public int flush() {
        List<CoordinateEntry> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
        }
        if (batch.isEmpty()) {
            return 0;
        }
        int limit = BATCH_SIZE * MAX_BATCHES;
        if (batch.size() > limit) {
            LOG.warning("Discarded " + (batch.size() - limit) + " coordinate updates");
            batch = batch.subList(0, limit);
        }
        int written = 0;
        for (int start = 0; start < batch.size(); start += BATCH_SIZE) {
            List<CoordinateEntry> part = batch.subList(start, Math.min(batch.size(), start + BATCH_SIZE));
            try {
                writer.apply(new CoordinateBatchUpdateRequest(part), "consul.coordinate.batch-update");
                written += part.size();
            } catch (EndpointException e) {
                LOG.log(Level.WARNING, "Failed to apply coordinate updates: " + e.getMessage());
            }
        }
        return written;
    }

    private void flushLoop() {
        try {
            while (true) {
                Thread.sleep(period.toMillis());
                synchronized (pending) {
                    if (closed) {
                        return;
                    }
                }
                flush();
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** LAN coordinates of every node, sorted by node name; with {@code segment} non-null only that segment's. */
    public QueryResult<List<CoordinateEntry>> nodes(QueryOptions opts, String segment) {
        return queries.run(opts, ws -> {
            Indexed<List<CoordinateEntry>> r = state.coordinates(ws);
            List<CoordinateEntry> out = new ArrayList<>();
            for (CoordinateEntry e : r.value()) {
                if (segment == null || segment.equals(e.segment())) {
                    out.add(e);
                }
            }
            out.sort(Comparator.comparing(CoordinateEntry::node).thenComparing(CoordinateEntry::segment));
            return new Indexed<>(r.index(), out);
        });
    }

    /** One node's LAN coordinates, one per segment; empty when it has none. */
    public QueryResult<List<CoordinateEntry>> node(String node, QueryOptions opts, String segment) {
        Catalog.requireName(node, "Missing node name");
        return queries.run(opts, ws -> {
            Indexed<List<CoordinateEntry>> r = state.nodeCoordinates(node, ws);
            List<CoordinateEntry> out = new ArrayList<>();
            for (CoordinateEntry e : r.value()) {
                if (segment == null || segment.equals(e.segment())) {
                    out.add(e);
                }
            }
            return new Indexed<>(r.index(), out);
        });
    }

    /**
     * The WAN coordinates of the servers, by datacenter. Until WAN gossip joins datacenters this server knows
     * only itself, named {@code <node>.<datacenter>} as in the WAN pool.
     */
    public List<CoordinateDatacenterMap> datacenters(String serverNode, Coordinate wanCoordinate) {
        String dc = queries.datacenter();
        return List.of(new CoordinateDatacenterMap(dc, CoordinateDatacenterMap.WAN_AREA,
                List.of(new CoordinateEntry(serverNode + "." + dc, "", wanCoordinate))));
    }

    /** A sorter by estimated RTT from {@code sourceNode}'s LAN coordinate (see {@link NearSorter}). */
    public NearSorter nearSorter(String sourceNode) {
        return NearSorter.from(state, sourceNode);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (pending) {
            closed = true;
            t = flusher;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
