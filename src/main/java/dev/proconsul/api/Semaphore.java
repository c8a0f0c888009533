package dev.proconsul.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.KVEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A counting semaphore over a KV prefix with Consul's algorithm (the Go client's api.Semaphore), so Proconsul and
 * Consul clients share slots correctly: each contender holds {@code <prefix>/<session>} with its session, and
 * {@code <prefix>/.lock} holds {@code {"Limit": n, "Holders": {"<session>": true}}}, changed only by check-and-set.
 * A contender takes a slot by adding itself to Holders while fewer than Limit are listed, after pruning holders
 * whose session no longer holds their contender key.
 */
public final class Semaphore extends SessionHold {
    /** Marks keys as a semaphore's (not a lock's). */
    public static final long FLAG_VALUE = 0xe0f69a2baa414de0L;
    /** The slots key under the prefix (Consul's DefaultSemaphoreKey). */
    public static final String LOCK_KEY = ".lock";

    /** The JSON in the .lock key. */
    record Slots(@JsonProperty("Limit") int limit, @JsonProperty("Holders") Map<String, Boolean> holders) {
    }

    private final KeyValueClient kv;
    private final SemaphoreOptions opts;
    private final String lockKey;

    Semaphore(KeyValueClient kv, SessionClient sessions, SemaphoreOptions opts) {
        super(sessions);
        this.kv = kv;
        this.opts = opts;
        String prefix = opts.prefix().endsWith("/") ? opts.prefix() : opts.prefix() + "/";
        this.lockKey = prefix + LOCK_KEY;
    }

    private String contenderKey() {
        return lockKey.substring(0, lockKey.length() - LOCK_KEY.length()) + session;
    }

    private String listPrefix() {
        return lockKey.substring(0, lockKey.length() - LOCK_KEY.length());
    }

    /** Blocks until a slot is held. */
    public boolean acquire() throws InterruptedException {
        return acquire(null);
    }

    /**
     * Waits for a slot.
     *
     * @param timeout how long to wait at most; null waits forever, zero makes one attempt
     * @return true when a slot is now held, false when the time ran out
     * @throws LockException        on a limit or flag conflict with other users of the prefix, or when held already
     * @throws InterruptedException when interrupted while waiting (nothing is left held)
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return acquireHold(LockException.SEMAPHORE_HELD, timeout, opts.session(), opts.sessionName(),
                opts.sessionTtl(), deadline -> {
                    if (!kv.acquire(contenderKey(), opts.value(), FLAG_VALUE, session, WriteOptions.DEFAULT)) {
                        throw new LockException("failed to make contender entry");
                    }
                    return attempt(deadline);
                }, () -> kv.delete(contenderKey()));
    }

    private boolean attempt(long deadline) throws InterruptedException {
        long waitIndex = 0;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long remaining = HolderMonitor.remainingMillis(deadline);
            Duration wait = Duration.ofMillis(Math.min(Lock.WAIT_TIME.toMillis(), remaining));
            QueryResult<List<KVEntry>> r = kv.list(listPrefix(), QueryOptions.builder()
                    .blocking(waitIndex, wait).build());
            KVEntry lockPair = find(r.value(), lockKey);
            Slots slots = decode(lockPair);
            pruneDeadHolders(slots, r.value());
            if (slots.holders().size() >= slots.limit()) {
                if (HolderMonitor.remainingMillis(deadline) == 0) {
                    return false;
                }
                waitIndex = r.meta().lastIndex();
                continue;
            }
            slots.holders().put(session, true);
            long cas = lockPair == null ? 0 : lockPair.modifyIndex();
            if (kv.put(lockKey, encode(slots), FLAG_VALUE, cas, WriteOptions.DEFAULT)) {
                held = true;
                String mine = session;
                monitor = new HolderMonitor("semaphore-monitor", index -> stillHolds(mine, index),
                        opts.monitorRetries(), opts.monitorRetryTime());
                return true;
            }
            waitIndex = 0; // someone changed the slots first: look again at once
        }
    }

    private long stillHolds(String mine, long index) {
        QueryResult<List<KVEntry>> r = kv.list(listPrefix(), QueryOptions.builder().consistent(true)
                .blocking(index, null).build());
        KVEntry lockPair = find(r.value(), lockKey);
        if (lockPair == null) {
            return -1;
        }
        Slots slots = decode(lockPair);
        return slots.holders().containsKey(mine) ? Math.max(1, r.meta().lastIndex()) : -1;
    }

    /**
     * Gives the slot back: removes us from the holders (check-and-set, retried on races), deletes our contender
     * key and destroys the session it created.
     *
     * @throws LockException when no slot is held
     */
    public void release() {
        mutex.lock();
        try {
            if (!held) {
                throw new LockException(LockException.SEMAPHORE_NOT_HELD);
            }
            held = false;
            monitor.stop();
            try {
                while (true) {
                    KVEntry lockPair = kv.get(lockKey).value().orElse(null);
                    if (lockPair == null) {
                        break;
                    }
                    Slots slots = decode(lockPair);
                    if (slots.holders().remove(session) == null) {
                        break;
                    }
                    if (kv.put(lockKey, encode(slots), FLAG_VALUE, lockPair.modifyIndex(), WriteOptions.DEFAULT)) {
                        break;
                    }
                }
                kv.delete(contenderKey());
            } finally {
                dropOwnSession();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Deletes the slots key when no live contender holds a slot; it is not necessary to call.
     *
     * @throws LockException when a slot is held, or the keys are not a semaphore's
     */
    public void destroy() {
        mutex.lock();
        try {
            if (held) {
                throw new LockException(LockException.SEMAPHORE_HELD);
            }
            List<KVEntry> pairs = kv.list(listPrefix()).value();
            KVEntry lockPair = find(pairs, lockKey);
            if (lockPair == null) {
                return;
            }
            Slots slots = decode(lockPair);
            pruneDeadHolders(slots, pairs);
            if (!slots.holders().isEmpty()) {
                throw new LockException(LockException.SEMAPHORE_IN_USE);
            }
            if (!kv.delete(lockKey, false, lockPair.modifyIndex(), WriteOptions.DEFAULT)) {
                throw new LockException(LockException.SEMAPHORE_IN_USE);
            }
        } finally {
            mutex.unlock();
        }
    }

    private static KVEntry find(List<KVEntry> pairs, String key) {
        for (KVEntry e : pairs) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** The slots as stored, or empty slots with our limit; refuses another use of the key or another limit. */
    private Slots decode(KVEntry lockPair) {
        if (lockPair == null) {
            return new Slots(opts.limit(), new LinkedHashMap<>());
        }
        if (lockPair.flags() != FLAG_VALUE) {
            throw new LockException(LockException.SEMAPHORE_CONFLICT);
        }
        Slots stored;
        try {
            stored = ConsulHttp.JSON.readValue(lockPair.value() == null ? new byte[0] : lockPair.value(),
                    Slots.class);
        } catch (IOException e) {
            throw new LockException("lock decoding failed: " + e.getMessage());
        }
        if (stored == null) {
            throw new LockException("lock decoding failed: empty value");
        }
        if (stored.limit() != opts.limit()) {
            throw new LockException("semaphore limit conflict (lock: " + stored.limit() + ", local: "
                    + opts.limit() + ")");
        }
        return new Slots(stored.limit(), stored.holders() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(stored.holders()));
    }

    /** Drops holders whose session no longer holds any contender key (it died without releasing). */
    private static void pruneDeadHolders(Slots slots, List<KVEntry> pairs) {
        Set<String> alive = new HashSet<>();
        for (KVEntry e : pairs) {
            if (e.session() != null && !e.session().isEmpty()) {
                alive.add(e.session());
            }
        }
        slots.holders().keySet().removeIf(holder -> !alive.contains(holder));
    }

    private static byte[] encode(Slots slots) {
        try {
            return ConsulHttp.JSON.writeValueAsBytes(slots);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("encoding slots cannot fail", e);
        }
    }
}
