package dev.proconsul.gossip;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * memberlist's TransmitLimitedQueue: each broadcast is piggybacked on outgoing packets until it has been sent
 * retransmitMult * ceil(log10(n+1)) times; a newer broadcast about a node replaces the older one.
 */
final class BroadcastQueue {
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

    /** Queues a broadcast; {@code onDone} runs once it has been sent as often as it will be, or was replaced. */
    synchronized void queue(String node, byte[] msg, Runnable onDone) {
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.node.equals(node)) {
                it.remove();
                if (e.onDone != null) {
                    e.onDone.run();
                }
            }
        }
        queue.add(new Entry(node, msg, onDone));
    }

    synchronized int size() {
        return queue.size();
    }

    /** Broadcasts fitting in {@code limit} bytes, each costing {@code overhead} extra, least sent first. */
    synchronized List<byte[]> take(int overhead, int limit, int retransmitLimit) {
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
