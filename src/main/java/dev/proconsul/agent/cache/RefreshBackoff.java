package dev.proconsul.agent.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Consul's backOffWait for failing background refreshes: none for 3 failures, then 2^n s up to 1 min, staggered. */
final class RefreshBackoff {
    static final int FREE_ATTEMPTS = 3;
    static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private RefreshBackoff() {
    }

    static Duration after(int failures) {
        if (failures <= FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        int shift = failures - FREE_ATTEMPTS;
        Duration wait = shift < 31 ? Duration.ofSeconds(1L << shift) : MAX_WAIT;
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        // lib.RandomStagger: a random extra wait below the wait itself.
        return wait.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, wait.toMillis())));
    }
}
