package dev.proconsul.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keys that may not be locked again until a wall-clock time, after the session holding them was invalidated
 * (Consul's lock-delay). Wall-clock based, so it is local to each server and not part of the replicated state:
 * the leader consults it before a lock enters the log, which is where Consul enforces it too.
 */
final class LockDelays {
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    LockDelays(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    long now() {
        return clockMillis.getAsLong();
    }

    void set(String key, long untilMillis) {
        expiries.merge(key, untilMillis, Math::max);
    }

    /** True while the key's lock-delay runs; forgets expired delays as it meets them. */
    boolean isDelayed(String key) {
        Long until = expiries.get(key);
        if (until == null) {
            return false;
        }
        if (until > now()) {
            return true;
        }
        expiries.remove(key, until);
        return false;
    }

    void clear() {
        expiries.clear();
    }
}
