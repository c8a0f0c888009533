package dev.proconsul.server;

import dev.proconsul.endpoint.CoordinateEndpoint;
import dev.proconsul.server.leader.CoordinateBatcher;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateDatacenterMap;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Consul's Coordinate endpoint. Updates are validated here and written by the leader in batches (see
 * {@link CoordinateBatcher}).
 */
public final class Coordinates implements CoordinateEndpoint {
    private final StateStore state;
    private final QueryRunner queries;
    private final CoordinateBatcher batcher;

    public Coordinates(StateStore state, QueryRunner queries, CoordinateBatcher batcher) {
        this.state = state;
        this.queries = queries;
        this.batcher = batcher;
    }

    /**
     * Queues a node's coordinate for the next batch. Refuses a missing node name, a coordinate with NaN or
     * infinite values ("invalid coordinate") and one of another dimensionality than ours ("rejected bad
     * coordinate: ..."), in Consul's words. A coordinate for a node the catalog does not know is accepted and
     * then dropped when the batch is applied, as Consul does.
     */
    @Override
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
        batcher.enqueue(entry);
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

    /** Sorted by estimated RTT from {@code sourceNode}'s LAN coordinate (see {@link NearSorter}). */
    @Override
    public <T> List<T> sortByDistance(String sourceNode, List<T> rows, Function<T, String> nodeOf) {
        return NearSorter.from(state, sourceNode).sort(rows, nodeOf);
    }
}
