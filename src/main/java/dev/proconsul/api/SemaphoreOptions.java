package dev.proconsul.api;

import dev.proconsul.structs.GoDuration;
import java.time.Duration;

/**
 * How a {@link Semaphore} behaves (Consul's api.SemaphoreOptions).
 *
 * @param prefix           the KV prefix: contenders write {@code <prefix>/<session>}, the slots live in
 *                         {@code <prefix>/.lock}; required
 * @param limit            how many may hold it at once; every contender must agree
 * @param value            stored in this contender's key (may be null)
 * @param session          an existing session; null to create (and renew, and destroy) one
 * @param sessionName      name of the created session
 * @param sessionTtl       TTL of the created session, a Go duration
 * @param monitorRetries   failed reads the holder's monitor rides out before declaring the slot lost
 * @param monitorRetryTime pause between those retries
 */
public record SemaphoreOptions(String prefix, int limit, byte[] value, String session, String sessionName,
                               String sessionTtl, int monitorRetries, Duration monitorRetryTime) {
    public static final String DEFAULT_SESSION_NAME = "Consul API Semaphore";

    public SemaphoreOptions {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("missing prefix");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("semaphore limit must be positive");
        }
        sessionName = sessionName == null || sessionName.isEmpty() ? DEFAULT_SESSION_NAME : sessionName;
        sessionTtl = sessionTtl == null || sessionTtl.isEmpty() ? LockOptions.DEFAULT_SESSION_TTL : sessionTtl;
        try {
            GoDuration.parse(sessionTtl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid SessionTTL: " + e.getMessage(), e);
        }
        if (monitorRetries < 0) {
            throw new IllegalArgumentException("monitorRetries must be >= 0");
        }
        monitorRetryTime = monitorRetryTime == null ? Duration.ofSeconds(1) : monitorRetryTime;
    }

    public static SemaphoreOptions of(String prefix, int limit) {
        return new SemaphoreOptions(prefix, limit, null, null, null, null, 0, null);
    }

    public SemaphoreOptions withValue(byte[] v) {
        return new SemaphoreOptions(prefix, limit, v, session, sessionName, sessionTtl, monitorRetries,
                monitorRetryTime);
    }

    public SemaphoreOptions withSessionName(String name) {
        return new SemaphoreOptions(prefix, limit, value, session, name, sessionTtl, monitorRetries,
                monitorRetryTime);
    }

    public SemaphoreOptions withSessionTtl(String ttl) {
        return new SemaphoreOptions(prefix, limit, value, session, sessionName, ttl, monitorRetries,
                monitorRetryTime);
    }

    public SemaphoreOptions withMonitorRetries(int retries, Duration pause) {
        return new SemaphoreOptions(prefix, limit, value, session, sessionName, sessionTtl, retries, pause);
    }
}
