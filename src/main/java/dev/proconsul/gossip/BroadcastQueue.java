package dev.proconsul.gossip;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * memberlist's TransmitLimitedQueue: each broadcast is piggybacked on outgoing packets until it has been sent
 * retransmitMult * ceil(log10(n+1)) times; a newer broadcast about a node replaces the older one. Serf keeps
 * its own queues of these for intents, user events and queries.
 */
public final class BroadcastQueue {
    private static final class Entry {
        final String node;
        final byte[] msg;
        final Runnable onDone;
        int transmits;

        Entry(String node, byte[] msg, Runnable onDone) {
            this.node = node;
            this.msg = msg;
            this.onDone = onDone;
        }
    }

    private final List<Entry> queue = new ArrayList<>();

    /**
     * Queues a broadcast; {@code onDone} runs once it has been sent as often as it will be, or was replaced.
     * A null {@code node} never replaces anything (Serf's broadcasts).
     */
    public synchronized void queue(String node, byte[] msg, Runnable onDone) {
        for (Iterator<Entry> it = queue.iterator(); node != null && it.hasNext(); ) {
            Entry e = it.next();
            if (node.equals(e.node)) {
                it.remove();
                if (e.onDone != null) {
                    e.onDone.run();
                }
            }
        }
        queue.add(new Entry(node, msg, onDone));
    }

    public synchronized int size() {
        return queue.size();
    }

    /**
     * Drops the most-sent broadcasts beyond {@code max} (Serf's MaxQueueDepth), so a flood cannot grow
     * us forever.
     */
    public synchronized void prune(int max) {
        queue.sort((a, b) -> Integer.compare(a.transmits, b.transmits));
        while (queue.size() > max) {
            Entry e = queue.remove(queue.size() - 1); // the most retransmitted has done most of its work
            if (e.onDone != null) {
                e.onDone.run();
            }
        }
    }

    /** Broadcasts fitting in {@code limit} bytes, each costing {@code overhead} extra, least sent first. */
    public synchronized List<byte[]> take(int overhead, int limit, int retransmitLimit) {
        queue.sort((a, b) -> Integer.compare(a.transmits, b.transmits));
        List<byte[]> out = new ArrayList<>();
        int used = 0;
        for (Iterator<Entry> it = queue.iterator(); it.hasNext() && out.size() < Codec.MAX_COMPOUND - 1; ) {
            Entry e = it.next();
            if (used + overhead + e.msg.length > limit) {
                continue;
            }
            used += overhead + e.msg.length;
            out.add(e.msg);
            if (++e.transmits >= retransmitLimit) {
                it.remove();
                if (e.onDone != null) {
                    e.onDone.run();
                }
            }
        }
        return out;
    }
}
