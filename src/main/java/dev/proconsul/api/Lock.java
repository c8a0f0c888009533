package dev.proconsul.api;

import dev.proconsul.structs.KVEntry;
import java.time.Duration;
import java.util.Optional;

/**
 * Client-side leader election on one KV key, with Consul's algorithm (the Go client's api.Lock), so Proconsul and
 * Consul clients contend correctly for the same key: wait (blocking read) until the key has no holder, acquire it
 * with our session and the lock flag value, and retry after a pause when the acquire fails (lock-delay). While held,
 * a monitor watches the key and completes {@link #lostSignal()} if our session stops holding it.
 *
 * <pre>{@code
 * Lock lock = consul.lock(LockOptions.key("service/leader"));
 * if (lock.acquire(Duration.ofSeconds(30))) {
 *     try { doLeaderWork(lock.lostSignal()); } finally { lock.release(); }
 * }
 * }</pre>
 *
 * As in Consul, a held lock can be lost at any time (session invalidated, operator action); code must watch
 * {@link #lostSignal()}.
 */
public final class Lock extends SessionHold {
    /** Marks a key as a lock (not a semaphore); a key with other flags is someone else's. */
    public static final long FLAG_VALUE = 0x2ddccbc058a50c18L;
    /** Longest single blocking read while waiting; bounds how fast an interrupt is noticed between reads. */
    static final Duration WAIT_TIME = Duration.ofSeconds(15);
    /** Pause after a failed acquire (usually lock-delay) before trying again. */
    static final Duration RETRY_TIME = Duration.ofSeconds(5);

    private final KeyValueClient kv;
    private final LockOptions opts;

    Lock(KeyValueClient kv, SessionClient sessions, LockOptions opts) {
        super(sessions);
        this.kv = kv;
        this.opts = opts;
    }

    /** Blocks until the lock is held. */
    public boolean acquire() throws InterruptedException {
        return acquire(null);
    }

    /**
     * Waits for the lock.
     *
     * @param timeout how long to wait at most; null waits forever, zero makes one attempt
     * @return true when the lock is now held, false when the time ran out
     * @throws LockException        when the key is used for something else, or this lock is already held
     * @throws InterruptedException when the thread is interrupted while waiting (nothing is left held)
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return acquireHold(LockException.LOCK_HELD, timeout, opts.session(), opts.sessionName(), opts.sessionTtl(),
                this::attempt, () -> { });
    }

    private boolean attempt(long deadline) throws InterruptedException {
        long waitIndex = 0;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long remaining = HolderMonitor.remainingMillis(deadline);
            Duration wait = Duration.ofMillis(Math.min(WAIT_TIME.toMillis(), remaining));
            QueryResult<Optional<KVEntry>> r = kv.get(opts.key(), QueryOptions.builder()
                    .blocking(waitIndex, wait).build());
            Optional<KVEntry> pair = r.value();
            if (pair.isPresent() && pair.get().flags() != FLAG_VALUE) {
                throw new LockException(LockException.LOCK_CONFLICT);
            }
            String holder = pair.map(KVEntry::session).orElse(null);
            if (holder != null && !holder.isEmpty() && !holder.equals(session)) {
                if (HolderMonitor.remainingMillis(deadline) == 0) {
                    return false;
                }
                waitIndex = r.meta().lastIndex();
                continue;
            }
            if (kv.acquire(opts.key(), opts.value(), FLAG_VALUE, session, WriteOptions.DEFAULT)) {
                held = true;
                String mine = session;
                monitor = new HolderMonitor("lock-monitor", index -> stillHolds(mine, index),
                        opts.monitorRetries(), opts.monitorRetryTime());
                return true;
            }
            // Refused although free: a lock-delay is running. Pause, then look again.
            long pause = Math.min(RETRY_TIME.toMillis(), HolderMonitor.remainingMillis(deadline));
            if (pause == 0) {
                return false;
            }
            Thread.sleep(pause);
            waitIndex = 0;
        }
    }

    private long stillHolds(String mine, long index) {
        QueryResult<Optional<KVEntry>> r = kv.get(opts.key(), QueryOptions.builder().consistent(true)
                .blocking(index, null).build());
        boolean ours = r.value().map(e -> mine.equals(e.session())).orElse(false);
        return ours ? Math.max(1, r.meta().lastIndex()) : -1;
    }

    /**
     * Releases the lock (and destroys the session it created).
     *
     * @throws LockException when the lock is not held
     */
    public void release() {
        mutex.lock();
        try {
            if (!held) {
                throw new LockException(LockException.LOCK_NOT_HELD);
            }
            held = false;
            monitor.stop();
            try {
                kv.release(opts.key(), opts.value(), FLAG_VALUE, session, WriteOptions.DEFAULT);
            } finally {
                dropOwnSession();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Deletes the lock key when nobody holds it; it is not necessary to call.
     *
     * @throws LockException when the lock is held (by us or anyone) or the key is not a lock
     */
    public void destroy() {
        mutex.lock();
        try {
            if (held) {
                throw new LockException(LockException.LOCK_HELD);
            }
            Optional<KVEntry> pair = kv.get(opts.key()).value();
            if (pair.isEmpty()) {
                return;
            }
            if (pair.get().flags() != FLAG_VALUE) {
                throw new LockException(LockException.LOCK_CONFLICT);
            }
            if (pair.get().session() != null && !pair.get().session().isEmpty()) {
                throw new LockException(LockException.LOCK_IN_USE);
            }
            if (!kv.delete(opts.key(), false, pair.get().modifyIndex(), WriteOptions.DEFAULT)) {
                throw new LockException(LockException.LOCK_IN_USE);
            }
        } finally {
            mutex.unlock();
        }
    }
}
