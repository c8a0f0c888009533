package dev.proconsul.agent;

import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private long version;

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
            version++;
        }
        fire();
    }

    public boolean removeCheck(String id) {
        synchronized (this) {
            if (checks.remove(id) == null) {
                return false;
            }
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
        synchronized (this) {
            LocalCheck c = checks.get(id);
            if (c == null) {
                return false;
            }
            HealthCheck h = c.check();
            if (h.status().equals(status) && h.output().equals(output)) {
                return true;
            }
            checks.put(id, new LocalCheck(new HealthCheck(h.node(), h.checkId(), h.name(), status, h.notes(),
                    output, h.serviceId(), h.serviceName(), h.serviceTags(), h.type(), h.interval(), h.timeout(),
                    h.definition(), 0, 0), c.definition(), c.source()));
            version++;
        }
        fire();
        return true;
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
