package dev.proconsul.api;

import dev.proconsul.structs.GoDuration;
import java.time.Duration;

/**
 * How a {@link Lock} behaves (Consul's api.LockOptions).
 *
 * @param key              the KV key that is the lock; required
 * @param value            stored in the key while held (may be null)
 * @param session          an existing session to lock with; null to create (and renew, and destroy) one
 * @param sessionName      name of the created session
 * @param sessionTtl       TTL of the created session, a Go duration
 * @param monitorRetries   how many failed reads (5xx, no answer) the holder's monitor rides out before it declares
 *                         the lock lost
 * @param monitorRetryTime pause between those retries
 */
public record LockOptions(String key, byte[] value, String session, String sessionName, String sessionTtl,
                          int monitorRetries, Duration monitorRetryTime) {
    public static final String DEFAULT_SESSION_NAME = "Consul API Lock";
    public static final String DEFAULT_SESSION_TTL = "15s";

    public LockOptions {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("missing key");
        }
        sessionName = sessionName == null || sessionName.isEmpty() ? DEFAULT_SESSION_NAME : sessionName;
        sessionTtl = sessionTtl == null || sessionTtl.isEmpty() ? DEFAULT_SESSION_TTL : sessionTtl;
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

    /** Defaults for everything but the key. */
    public static LockOptions key(String key) {
        return new LockOptions(key, null, null, null, null, 0, null);
    }

    public LockOptions withValue(byte[] v) {
        return new LockOptions(key, v, session, sessionName, sessionTtl, monitorRetries, monitorRetryTime);
    }

    public LockOptions withSession(String existing) {
        return new LockOptions(key, value, existing, sessionName, sessionTtl, monitorRetries, monitorRetryTime);
    }

    public LockOptions withSessionName(String name) {
        return new LockOptions(key, value, session, name, sessionTtl, monitorRetries, monitorRetryTime);
    }

    public LockOptions withSessionTtl(String ttl) {
        return new LockOptions(key, value, session, sessionName, ttl, monitorRetries, monitorRetryTime);
    }

    public LockOptions withMonitorRetries(int retries, Duration pause) {
        return new LockOptions(key, value, session, sessionName, sessionTtl, retries, pause);
    }
}
