package dev.proconsul.config;

import java.time.Duration;

/**
 * {@code check_update_interval}: how long a check whose output changed but whose status did not may wait before
 * the new output is written to the catalog (Consul's default 5m; 0 writes every change at once). Status changes
 * are never held back. Read from the merged tree so that the value's file and line show in errors.
 */
public final class CheckUpdateInterval {
    public static final String KEY = "check_update_interval";
    public static final Duration DEFAULT = Duration.ofMinutes(5);

    private CheckUpdateInterval() {
    }

    /** The configured interval, or the default; a malformed or negative value is an error at its position. */
    public static Duration of(ObjectNode root) throws ConfigException {
        if (root == null || !root.has(KEY)) {
            return DEFAULT;
        }
        ConfigNode n = root.get(KEY);
        Duration d = ValueReader.duration(n, KEY);
        if (d.isNegative()) {
            throw ConfigException.atValue(n, KEY, "must not be negative, got " + n.describe());
        }
        return d;
    }
}
