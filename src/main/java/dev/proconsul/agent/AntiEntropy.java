package dev.proconsul.agent;

import dev.proconsul.agent.LocalState.LocalCheck;
import dev.proconsul.agent.LocalState.LocalService;
import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Keeps the catalog's view of this node equal to the agent's local state, which is the truth: services and checks
 * missing or different in the catalog are registered, ones the catalog has but the agent does not are removed.
 * It runs soon after every local change and periodically (every minute, scaled up for large clusters as Consul
 * does, with a random stagger), so drift from manual catalog edits is repaired either way.
 */
public final class AntiEntropy implements AutoCloseable {
    /** Consul logs the sync results ("Synced service") as the agent, and the loop's own failures under its name. */
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);
    private static final Logger LOOP_LOG = Logger.getLogger(LogNames.ANTI_ENTROPY);
    private static final Duration BASE_INTERVAL = Duration.ofMinutes(1);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(15);
    /** Rows the servers own on every node; never removed by the agent. */
    private static final Set<String> SERVER_OWNED_SERVICES = Set.of("consul");
    private static final Set<String> SERVER_OWNED_CHECKS = Set.of("serfHealth");

    /** How this node registers itself when the catalog lost it. */
    public record NodeIdentity(String datacenter, String nodeId, String nodeName, String address,
                               Map<String, String> taggedAddresses, Map<String, String> meta) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final LocalState state;
    private final CatalogAccess catalog;
    private final NodeIdentity node;
    private final IntSupplier clusterSize;
    private final Object wake = new Object();
    private boolean pending;
    private volatile boolean stopped;
    private Thread thread;

    public AntiEntropy(LocalState state, CatalogAccess catalog, NodeIdentity node, IntSupplier clusterSize) {
        this.state = state;
        this.catalog = catalog;
        this.node = node;
        this.clusterSize = clusterSize;
        state.onChange(this::trigger);
    }

    /** Consul's scaling: the interval grows with log2 of the cluster size beyond 128 nodes. */
    static Duration scaledInterval(Duration base, int nodes) {
        if (nodes <= 128) {
            return base;
        }
        double multiplier = Math.ceil(Math.log(nodes) / Math.log(2) - Math.log(128) / Math.log(2)) + 1.0;
        return base.multipliedBy((long) multiplier);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("anti-entropy").start(this::loop);
        }
    }

    /** Asks for a sync soon; many calls in a row coalesce into one. */
    public void trigger() {
        synchronized (wake) {
            pending = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        Duration wait = Duration.ZERO;
        while (!stopped) {
            try {
                synchronized (wake) {
                    long deadline = System.nanoTime() + wait.toNanos();
                    while (!pending && !stopped) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        wake.wait(Math.max(1, left / 1_000_000));
                    }
                    pending = false;
                }
                if (stopped) {
                    return;
                }
                syncNow();
                Duration interval = scaledInterval(BASE_INTERVAL, Math.max(1, clusterSize.getAsInt()));
                wait = interval.plusMillis(ThreadLocalRandom.current().nextLong(interval.toMillis() / 4 + 1));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOOP_LOG.warning("failed to sync remote state: " + e.getMessage());
                wait = RETRY_AFTER_FAILURE;
            }
        }
    }

    /** One full sync, now, on the calling thread. */
    public synchronized void syncNow() {
        List<NodeService> remoteServices = catalog.nodeServices(node.nodeName());
        if (remoteServices == null) {
            registerNode();
            remoteServices = List.of();
        }
        Map<String, NodeService> remote = new HashMap<>();
        for (NodeService s : remoteServices) {
            remote.put(s.id(), s);
        }
        Map<String, LocalService> local = new HashMap<>();
        for (LocalService s : state.services()) {
            local.put(s.service().id(), s);
        }
        for (NodeService s : remoteServices) {
            if (!local.containsKey(s.id()) && !SERVER_OWNED_SERVICES.contains(s.id())) {
                catalog.deregister(new DeregisterRequest(node.datacenter(), node.nodeName(), s.id(), null));
                LOG.info("Deregistered service: service=" + s.id());
            }
        }
        for (LocalService ls : local.values()) {
            NodeService want = ls.service();
            NodeService have = remote.get(want.id());
            if (want.enableTagOverride() && have != null && !Objects.equals(have.tags(), want.tags())) {
                // With tag override, tags edited in the catalog win over the local definition.
                want = withTags(want, have.tags());
                state.putServiceQuietly(new LocalService(want, ls.definition(), ls.source(), ls.parentId()));
            }
            if (have == null || !sameService(want, have)) {
                catalog.register(onThisNode().service(want).skipNodeUpdate(true).build());
                LOG.info("Synced service: service=" + want.id());
            }
        }
        syncChecks();
    }

    private void syncChecks() {
        Map<String, HealthCheck> remote = new HashMap<>();
        for (HealthCheck c : catalog.nodeChecks(node.nodeName())) {
            remote.put(c.checkId(), c);
        }
        Map<String, LocalCheck> local = new HashMap<>();
        for (LocalCheck c : state.checks()) {
            local.put(c.check().checkId(), c);
        }
        for (HealthCheck c : remote.values()) {
            if (!local.containsKey(c.checkId()) && !SERVER_OWNED_CHECKS.contains(c.checkId())) {
                catalog.deregister(new DeregisterRequest(node.datacenter(), node.nodeName(), null, c.checkId()));
                LOG.info("Deregistered check: check=" + c.checkId());
            }
        }
        List<HealthCheck> changed = new ArrayList<>();
        for (LocalCheck lc : local.values()) {
            HealthCheck want = lc.check();
            HealthCheck have = remote.get(want.checkId());
            // Output held back by check_update_interval does not make a check differ; its timer syncs it.
            if (have == null || !sameCheck(want, have, !state.outputDeferred(want.checkId()))) {
                changed.add(want);
            }
        }
        for (HealthCheck c : changed) {
            // One write per check: a check whose service vanished meanwhile must not fail the others.
            try {
                catalog.register(onThisNode().check(c).skipNodeUpdate(true).build());
                LOG.fine("Synced check: check=" + c.checkId());
            } catch (RuntimeException e) {
                LOG.warning("failed to sync check " + c.checkId() + ": " + e.getMessage());
            }
        }
    }

    private void registerNode() {
        catalog.register(onThisNode().taggedAddresses(node.taggedAddresses()).nodeMeta(node.meta()).build());
        LOG.info("Synced node info");
    }

    private RegisterRequest.Builder onThisNode() {
        return RegisterRequest.builder(node.nodeName()).datacenter(node.datacenter()).id(node.nodeId())
                .address(node.address());
    }

    static boolean sameService(NodeService a, NodeService b) {
        return a.id().equals(b.id()) && a.service().equals(b.service()) && nz(a.kind()).equals(nz(b.kind()))
                && list(a.tags()).equals(list(b.tags())) && nz(a.address()).equals(nz(b.address()))
                && map(a.taggedAddresses()).equals(map(b.taggedAddresses())) && map(a.meta()).equals(map(b.meta()))
                && a.port() == b.port()
                && (a.weights() == null ? Weights.DEFAULT : a.weights())
                        .equals(b.weights() == null ? Weights.DEFAULT : b.weights())
                && a.enableTagOverride() == b.enableTagOverride()
                && json(a.proxy()).equals(json(b.proxy())) && json(a.connect()).equals(json(b.connect()));
    }

    static boolean sameCheck(HealthCheck a, HealthCheck b) {
        return sameCheck(a, b, true);
    }

    static boolean sameCheck(HealthCheck a, HealthCheck b, boolean compareOutput) {
        return nz(a.name()).equals(nz(b.name())) && nz(a.status()).equals(nz(b.status()))
                && nz(a.notes()).equals(nz(b.notes())) && (!compareOutput || nz(a.output()).equals(nz(b.output())))
                && nz(a.serviceId()).equals(nz(b.serviceId())) && nz(a.type()).equals(nz(b.type()))
                && nz(a.interval()).equals(nz(b.interval())) && nz(a.timeout()).equals(nz(b.timeout()))
                && map(a.definition()).equals(map(b.definition()));
    }

    private static NodeService withTags(NodeService s, List<String> tags) {
        return s.toBuilder().tags(tags).indexes(0, 0).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** Maps compared as JSON, so that 5000 as an Integer equals 5000 as a Long after a trip through Raft. */
    private static Object map(Map<?, ?> m) {
        return JSON.valueToTree(m == null ? Map.of() : m);
    }

    /** A proxy or connect block compared as its JSON, like the maps above; absent equals empty. */
    private static Object json(Object typed) {
        return typed == null ? JSON.createObjectNode() : JSON.valueToTree(typed);
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
