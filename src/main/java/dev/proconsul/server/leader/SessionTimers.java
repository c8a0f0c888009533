package dev.proconsul.server.leader;

import dev.proconsul.logging.LogNames;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The leader's session TTL timers. A session with a TTL is destroyed (through Raft) when it goes TTL × 2 without a
 * renew, the grace Consul gives. Timers live only on the leader, in memory: when this server gains leadership
 * ({@link #establish()}) it arms a full TTL × 2 for every TTL session in the state (so sessions survive a leader
 * change, at the cost of living a little longer), and when it loses leadership ({@link #revoke()}) it drops them all.
 */
public final class SessionTimers implements LeaderDuty, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.SESSION);

    /** Consul's SessionTTLMultiplier. */
    public static final int TTL_MULTIPLIER = 2;

    private final RaftNode raft;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private volatile boolean leading;

    public SessionTimers(RaftNode raft) {
        this.raft = raft;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "session-timers");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** This server leads: arm a timer for every TTL session in the state. */
    @Override
    public void establish() {
        leading = true; // before reading the state: a reset() that saw leading false is in what rearmAll reads
        rearmAll();
    }

    /** This server no longer leads: its successor times the sessions. */
    @Override
    public void revoke() {
        leading = false;
        clearAll();
    }

    /** Arms a fresh TTL × 2 for every TTL session in the local state. */
    void rearmAll() {
        List<Session> sessions = raft.state().sessions(null).value();
        for (Session s : sessions) {
            reset(s);
        }
        if (!sessions.isEmpty()) {
            LOG.fine("armed session timers: count=" + timers.size());
        }
    }

    /** After a snapshot restore replaced every session: forget the old timers and arm the restored sessions'. */
    public void resetAll() {
        if (leading) {
            clearAll();
            rearmAll();
        }
    }

    /** (Re)starts the session's timer; sessions without a TTL have none. Called on create and renew. */
    public void reset(Session s) {
        Duration ttl = ttlOf(s);
        if (ttl == null || !leading || scheduler.isShutdown()) {
            return;
        }
        long millis = ttl.toMillis() * TTL_MULTIPLIER;
        ScheduledFuture<?> next = scheduler.schedule(() -> expire(s.id()), millis, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> old = timers.put(s.id(), next);
        if (old != null) {
            old.cancel(false);
        }
    }

    /** Drops the session's timer (it was destroyed). */
    public void clear(String id) {
        ScheduledFuture<?> old = timers.remove(id);
        if (old != null) {
            old.cancel(false);
        }
    }

    /** How many timers are armed (for tests and metrics). */
    public int armed() {
        return timers.size();
    }

    private void clearAll() {
        for (String id : List.copyOf(timers.keySet())) {
            clear(id);
        }
    }

    private void expire(String id) {
        timers.remove(id);
        if (!leading) {
            return;
        }
        raft.apply(SessionRequest.destroy(id)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warning("failed to invalidate expired session: session=" + id + " error=" + e.getMessage());
            } else if (r.isError()) {
                LOG.warning("failed to invalidate expired session: session=" + id + " error=" + r.error());
            }
        });
    }

    private static Duration ttlOf(Session s) {
        if (s == null || s.ttl() == null || s.ttl().isEmpty()) {
            return null;
        }
        try {
            Duration d = dev.proconsul.structs.GoDuration.parse(s.ttl());
            return d.isZero() || d.isNegative() ? null : d;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        leading = false;
        scheduler.shutdownNow();
        timers.clear();
    }
}
