package dev.proconsul.agent;

import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This agent's own services and checks: the truth anti-entropy pushes to the catalog. It only holds rows and
 * tells listeners when something changed; validation, check runners and persistence live in {@link AgentServices}.
 * All methods are thread-safe; reads return copies.
 */
public final class LocalState {
    /** Where a registration came from: reload replaces config ones, persistence keeps API ones. */
    public enum Source { CONFIG, API, INTERNAL }

    /** A local service, its definition (for persistence and reload comparison) and origin. */
    public record LocalService(NodeService service, ServiceDefinition definition, Source source, String parentId) {
    }

    /** A local check with its current status and output, and its definition (null for maintenance checks). */
    public record LocalCheck(HealthCheck check, CheckDefinition definition, Source source) {
    }

    private final Map<String, LocalService> services = new LinkedHashMap<>();
    private final Map<String, LocalCheck> checks = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Checks whose output-only change waits for its write-back, each with the token of its pending timer. */
    private final Map<String, Object> deferredOutput = new HashMap<>();
    private volatile Duration checkUpdateInterval = Duration.ZERO;
    private long version;

    /**
     * check_update_interval: a check whose output changes while its status stays is synced after a delay of half
     * the interval plus a random part of it (as Consul staggers it), so a check printing a timestamp does not
     * write to the servers on every run. Zero syncs every change at once. Status changes always sync at once.
     */
    public void setCheckUpdateInterval(Duration interval) {
        checkUpdateInterval = interval.isNegative() ? Duration.ZERO : interval;
    }

    /** Whether the check's latest output is held back; anti-entropy then leaves output out of its comparison. */
    public synchronized boolean outputDeferred(String checkId) {
        return deferredOutput.containsKey(checkId);
    }

    /** Called after every change (outside the lock), e.g. to trigger a sync. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void putService(LocalService s) {
        synchronized (this) {
            services.put(s.service().id(), s);
            version++;
        }
        fire();
    }

    /** Replaces a service row without waking listeners (anti-entropy adopting catalog tags). */
    public synchronized void putServiceQuietly(LocalService s) {
        services.put(s.service().id(), s);
        version++;
    }

    /** Removes a service and its checks; returns the removed checks' IDs. */
    public List<String> removeService(String id) {
        List<String> removed = new ArrayList<>();
        synchronized (this) {
            if (services.remove(id) == null) {
                return removed;
            }
            checks.values().removeIf(c -> {
                if (id.equals(c.check().serviceId())) {
                    removed.add(c.check().checkId());
                    deferredOutput.remove(c.check().checkId());
                    return true;
                }
                return false;
            });
            version++;
        }
        fire();
        return removed;
    }

    public void putCheck(LocalCheck c) {
        synchronized (this) {
            checks.put(c.check().checkId(), c);
            deferredOutput.remove(c.check().checkId());
            version++;
        }
        fire();
    }

    public boolean removeCheck(String id) {
        synchronized (this) {
            if (checks.remove(id) == null) {
                return false;
            }
            deferredOutput.remove(id);
            version++;
        }
        fire();
        return true;
    }

    /**
     * Sets a check's status and output; returns false when the check is unknown. Nothing fires when neither
     * changed, so a steady check costs no catalog write.
     */
    public boolean updateCheck(String id, String status, String output) {
        boolean outputOnly;
        synchronized (this) {
            LocalCheck c = checks.get(id);
            if (c == null) {
                return false;
            }
            HealthCheck h = c.check();
            if (h.status().equals(status) && h.output().equals(output)) {
                return true;
            }
            checks.put(id, new LocalCheck(h.toBuilder().status(status).output(output).indexes(0, 0).build(),
                    c.definition(), c.source()));
            version++;
            Duration interval = checkUpdateInterval;
            outputOnly = interval.isPositive() && h.status().equals(status);
            if (outputOnly && !deferredOutput.containsKey(id)) {
                Object token = new Object();
                deferredOutput.put(id, token);
                long millis = interval.toMillis();
                scheduleWriteBack(id, token, millis / 2 + ThreadLocalRandom.current().nextLong(millis + 1));
            }
            if (outputOnly) {
                notifyAll(); // local readers (blocking agent endpoints) see the new output now
            }
        }
        if (!outputOnly) {
            fire();
        }
        return true;
    }

    private void scheduleWriteBack(String id, Object token, long delayMillis) {
        Thread.ofVirtual().name("check-output-sync").start(() -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (deferredOutput.get(id) != token) {
                    return; // the check was removed or replaced meanwhile
                }
                deferredOutput.remove(id);
                version++;
            }
            fire();
        });
    }

    public synchronized LocalService service(String id) {
        return services.get(id);
    }

    public synchronized LocalCheck check(String id) {
        return checks.get(id);
    }

    public synchronized List<LocalService> services() {
        return new ArrayList<>(services.values());
    }

    public synchronized List<LocalCheck> checks() {
        return new ArrayList<>(checks.values());
    }

    /** Checks of one service, in registration order. */
    public synchronized List<LocalCheck> checksOf(String serviceId) {
        List<LocalCheck> out = new ArrayList<>();
        for (LocalCheck c : checks.values()) {
            if (serviceId.equals(c.check().serviceId())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Grows with every change; lets callers tell whether anything moved. */
    public synchronized long version() {
        return version;
    }

    /** Waits until the version moves past {@code seen} or {@code max} passes (for hash-blocking reads). */
    public synchronized void awaitChange(long seen, java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void fire() {
        synchronized (this) {
            notifyAll();
        }
        for (Runnable r : listeners) {
            r.run();
        }
    }
}
