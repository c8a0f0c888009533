package dev.proconsul.gossip.serf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Serf's ring of recent user events by Lamport time: an event is new unless the same (time, name, payload) was
 * seen; events older than the ring, or older than our minimum (ignoreOld on join, a restart), are dropped.
 * Thread-safe.
 */
final class UserEventBuffer {
    private final SerfMessage.EventsAt[] ring;
    private long minTime;

    UserEventBuffer(int size) {
        ring = new SerfMessage.EventsAt[size];
    }

    /** Whether the event is new (and now remembered); {@code now} is the event clock after witnessing it. */
    synchronized boolean add(long ltime, String name, byte[] payload, long now) {
        if (Long.compareUnsigned(ltime, minTime) < 0) {
            return false;
        }
        long size = ring.length;
        if (Long.compareUnsigned(now, size) > 0 && Long.compareUnsigned(ltime, now - size) < 0) {
            return false; // older than anything we could still tell apart from a duplicate
        }
        int idx = (int) Long.remainderUnsigned(ltime, size);
        SerfMessage.EventsAt seen = ring[idx];
        byte[] p = payload == null ? new byte[0] : payload;
        if (seen != null && seen.ltime() == ltime) {
            for (SerfMessage.NamedPayload prev : seen.events()) {
                if (prev.name().equals(name) && Arrays.equals(prev.payload() == null ? new byte[0] : prev.payload(),
                        p)) {
                    return false;
                }
            }
        } else {
            seen = new SerfMessage.EventsAt(ltime, new ArrayList<>());
            ring[idx] = seen;
        }
        seen.events().add(new SerfMessage.NamedPayload(name, p));
        return true;
    }

    /** Never accept events before {@code t} (it only moves forward). */
    synchronized void raiseMinTime(long t) {
        if (Long.compareUnsigned(t, minTime) > 0) {
            minTime = t;
        }
    }

    /** What we remember, for push-pull. */
    synchronized List<SerfMessage.EventsAt> recent() {
        List<SerfMessage.EventsAt> out = new ArrayList<>();
        for (SerfMessage.EventsAt e : ring) {
            if (e != null) {
                out.add(new SerfMessage.EventsAt(e.ltime(), List.copyOf(e.events())));
            }
        }
        return out;
    }
}
