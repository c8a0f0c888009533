package dev.proconsul.server;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Orders query results by estimated round trip time from one node ({@code ?near=}), as Consul does: nearest
 * first, rows whose node has no coordinate last, ties and unknowns keeping their order. When the source node has
 * no coordinate there is nothing to measure from and results keep their usual order.
 */
public final class NearSorter {
    private static final NearSorter NONE = new NearSorter(null, null);

    private final StateStore state;
    private final Map<String, Coordinate> source;

    private NearSorter(StateStore state, Map<String, Coordinate> source) {
        this.state = state;
        this.source = source;
    }

    static NearSorter from(StateStore state, String sourceNode) {
        if (sourceNode == null || sourceNode.isEmpty()) {
            return NONE;
        }
        Map<String, Coordinate> set = coordinateSet(state, sourceNode);
        return set.isEmpty() ? NONE : new NearSorter(state, set);
    }

    /** True when sorting will change nothing (no source, or the source has no coordinate). */
    public boolean isNoop() {
        return source == null;
    }

    /** A sorted copy of {@code rows}; {@code nodeOf} names the node a row is on. */
    public <T> List<T> sort(List<T> rows, Function<T, String> nodeOf) {
        if (source == null || rows == null || rows.size() < 2) {
            return rows;
        }
        Map<String, Double> distances = new HashMap<>();
        for (T row : rows) {
            distances.computeIfAbsent(nodeOf.apply(row), n -> distance(source, coordinateSet(state, n)));
        }
        List<T> out = new ArrayList<>(rows);
        out.sort(Comparator.comparingDouble(row -> distances.get(nodeOf.apply(row))));
        return out;
    }

    /** A node's coordinates by segment. */
    private static Map<String, Coordinate> coordinateSet(StateStore state, String node) {
        Map<String, Coordinate> set = new HashMap<>();
        for (CoordinateEntry e : state.nodeCoordinates(node, null).value()) {
            set.put(e.segment(), e.coord());
        }
        return set;
    }

    /**
     * Distance between two nodes' coordinate sets, comparing the segment they share: the default one, unless one
     * side has a single segment (a client is in exactly one; servers are in all). +Inf when they share none.
     */
    static double distance(Map<String, Coordinate> a, Map<String, Coordinate> b) {
        String segment = "";
        if (a.size() == 1) {
            segment = a.keySet().iterator().next();
        }
        if (b.size() == 1) {
            segment = b.keySet().iterator().next();
        }
        Coordinate ca = a.get(segment);
        Coordinate cb = b.get(segment);
        if (ca == null || cb == null || !ca.isCompatibleWith(cb)) {
            return Double.POSITIVE_INFINITY;
        }
        return ca.distanceSeconds(cb);
    }
}
