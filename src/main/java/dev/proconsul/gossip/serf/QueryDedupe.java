package dev.proconsul.gossip.serf;

import java.util.ArrayList;
import java.util.List;

/** Serf's ring of recent query ids by Lamport time, so each query is handled and re-gossiped once. Thread-safe. */
final class QueryDedupe {
    private record Seen(long ltime, List<Integer> ids) {
    }

    private final Seen[] ring;
    private long minTime;

    QueryDedupe(int size) {
        ring = new Seen[size];
    }

    /** Whether the query is new (and now remembered); {@code now} is the query clock after witnessing it. */
    synchronized boolean add(long ltime, int id, long now) {
        if (Long.compareUnsigned(ltime, minTime) < 0) {
            return false;
        }
        long size = ring.length;
        if (Long.compareUnsigned(now, size) > 0 && Long.compareUnsigned(ltime, now - size) < 0) {
            return false;
        }
        int idx = (int) Long.remainderUnsigned(ltime, size);
        Seen seen = ring[idx];
        if (seen != null && seen.ltime() == ltime) {
            if (seen.ids().contains(id)) {
                return false;
            }
        } else {
            seen = new Seen(ltime, new ArrayList<>());
            ring[idx] = seen;
        }
        seen.ids().add(id);
        return true;
    }

    synchronized void raiseMinTime(long t) {
        if (Long.compareUnsigned(t, minTime) > 0) {
            minTime = t;
        }
    }
}
