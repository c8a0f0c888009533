package dev.proconsul.gossip.serf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A query we sent, collecting answers and acks (each node once) until its deadline or an early stop. */
final class PendingQuery {
    final long ltime;
    final int id;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private final Map<String, byte[]> responses = new LinkedHashMap<>();
    private final List<String> acks = new ArrayList<>();
    private final Predicate<PendingQuery> enough;
    private boolean finished;

    PendingQuery(long ltime, int id, Duration timeout, Predicate<PendingQuery> enough) {
        this.ltime = ltime;
        this.id = id;
        this.deadlineNanos = startNanos + timeout.toNanos();
        this.enough = enough == null ? q -> false : enough;
    }

    synchronized void onResponse(SerfMessage.QueryResponseMsg r) {
        if (finished || r.id() != id) {
            return;
        }
        if (r.ack()) {
            if (!acks.contains(r.from())) {
                acks.add(r.from());
            }
        } else {
            responses.putIfAbsent(r.from(), r.payload() == null ? new byte[0] : r.payload());
        }
        if (enough.test(this)) {
            finished = true;
        }
        notifyAll();
    }

    synchronized int responseCount() {
        return responses.size();
    }

    /** Blocks until the deadline or an early stop, then returns what came. */
    synchronized dev.proconsul.gossip.serf.QueryResponse await() {
        long left;
        while (!finished && (left = deadlineNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        finished = true;
        return new QueryResponse(Map.copyOf(responses), List.copyOf(acks),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
