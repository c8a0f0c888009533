package dev.proconsul.endpoint;

import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateDatacenterMap;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import java.util.List;
import java.util.function.Function;

/** Consul's Coordinate endpoint, and the ?near= sorting the catalog and health reads do with it. */
public interface CoordinateEndpoint {
    /** Queues a node's coordinate for the leader's next batch write (validated at once). */
    void update(String datacenter, CoordinateEntry entry);

    /** LAN coordinates of every node, sorted by node name; with {@code segment} non-null only that segment's. */
    QueryResult<List<CoordinateEntry>> nodes(QueryOptions opts, String segment);

    /** One node's LAN coordinates, one per segment; empty when it has none. */
    QueryResult<List<CoordinateEntry>> node(String node, QueryOptions opts, String segment);

    /** The WAN coordinates of the servers, by datacenter. */
    List<CoordinateDatacenterMap> datacenters(String serverNode, Coordinate wanCoordinate);

    /** {@code rows} sorted by estimated round trip time from {@code sourceNode}'s LAN coordinate. */
    <T> List<T> sortByDistance(String sourceNode, List<T> rows, Function<T, String> nodeOf);
}
