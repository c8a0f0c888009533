package dev.proconsul.agent;

import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.agent.LocalState.LocalCheck;
import dev.proconsul.agent.LocalState.LocalService;
import dev.proconsul.agent.LocalState.Source;
import dev.proconsul.agent.checks.AliasRunner;
import dev.proconsul.agent.checks.CheckRunner;
import dev.proconsul.agent.checks.OutputLimit;
import dev.proconsul.agent.checks.StatusSink;
import dev.proconsul.agent.checks.TtlRunner;
import dev.proconsul.config.ConfigException;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The agent's local services and checks as users change them (config files, /v1/agent/service/*,
 * /v1/agent/check/*): validates, expands sidecars, picks check IDs, starts and stops check runners, and keeps API
 * registrations on disk. {@link LocalState} holds the rows; {@link AntiEntropy} pushes them to the catalog.
 */
public final class AgentServices implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);

    public static final String NODE_MAINTENANCE_CHECK = "_node_maintenance";
    public static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";
    static final String SCRIPTS_DISABLED = "Scripts are disabled on this agent; to enable, configure "
            + "'enable_script_checks' or 'enable_local_script_checks' to true";

    /** Agent settings that shape registrations. {@code dataDir} null means nothing persists (dev mode). */
    public record Settings(String nodeName, boolean enableScriptChecks, boolean enableLocalScriptChecks,
                           int sidecarMinPort, int sidecarMaxPort, Path dataDir) {
    }

    private final Settings settings;
    private final LocalState state;
    private final SidecarExpander sidecars;
    private final RegistrationStore store;
    private final CatalogAccess remote;
    private final Map<String, CheckRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, Instant> criticalSince = new ConcurrentHashMap<>();

    /** @param remote the catalog, for alias checks of other nodes; may be null */
    public AgentServices(Settings settings, LocalState state, CatalogAccess remote) {
        this.settings = settings;
        this.state = state;
        this.remote = remote;
        this.sidecars = new SidecarExpander(settings.sidecarMinPort(), settings.sidecarMaxPort());
        this.store = settings.dataDir() == null ? null : new RegistrationStore(settings.dataDir());
    }

    public LocalState state() {
        return state;
    }

    public String nodeName() {
        return settings.nodeName();
    }

    /**
     * Registers (or replaces) a service, its checks and its sidecar. With {@code replaceExistingChecks}, checks of
     * the service that the new definition does not carry are removed.
     *
     * @param raw the definition as received, kept on disk for API registrations (may be null)
     */
    public synchronized void registerService(ServiceDefinition def, Source source, boolean replaceExistingChecks,
                                             String raw) {
        for (CheckDefinition c : def.checks()) {
            allowed(c, source);
        }
        ServiceDefinition sidecar = expandSidecar(def);
        if (sidecar != null) {
            for (CheckDefinition c : sidecar.checks()) {
                allowed(c, source);
            }
        }
        List<HealthCheck> checks = serviceChecks(def);
        putService(def, source, null, checks, replaceExistingChecks);
        LocalService oldSidecar = state.service(SidecarExpander.sidecarId(def.serviceId()));
        if (sidecar != null) {
            putService(sidecar, source, def.serviceId(), serviceChecks(sidecar), true);
        } else if (oldSidecar != null && def.serviceId().equals(oldSidecar.parentId())) {
            removeService(oldSidecar.service().id());
        }
        if (source == Source.API && store != null) {
            store.saveService(def.serviceId(), raw);
        }
        LOG.info("Synced service: service=" + def.serviceId());
    }

    private ServiceDefinition expandSidecar(ServiceDefinition def) {
        LocalService existing = state.service(SidecarExpander.sidecarId(def.serviceId()));
        Set<Integer> used = new HashSet<>();
        for (LocalService s : state.services()) {
            if (existing == null || !s.service().id().equals(existing.service().id())) {
                used.add(s.service().port());
            }
        }
        try {
            return sidecars.expand(def, existing == null ? 0 : existing.service().port(), used::contains);
        } catch (ConfigException e) {
            throw RegistrationException.invalid(e.reason());
        }
    }

    private void putService(ServiceDefinition def, Source source, String parentId, List<HealthCheck> checks,
                            boolean replaceExistingChecks) {
        NodeService ns = def.toNodeService();
        String id = ns.id();
        Set<String> keep = new HashSet<>();
        for (HealthCheck h : checks) {
            keep.add(h.checkId());
        }
        state.putService(new LocalService(ns, def, source, parentId));
        if (replaceExistingChecks) {
            for (LocalCheck c : state.checksOf(id)) {
                if (!keep.contains(c.check().checkId()) && !c.check().checkId().startsWith(SERVICE_MAINTENANCE_PREFIX)) {
                    removeCheck(c.check().checkId());
                }
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            addCheck(checks.get(i), def.checks().get(i), source);
        }
    }

    /** Consul's IDs and names for a service's checks: service:ID, or service:ID:n when there are several. */
    private List<HealthCheck> serviceChecks(ServiceDefinition def) {
        List<HealthCheck> out = new ArrayList<>();
        List<CheckDefinition> defs = def.checks();
        for (int i = 0; i < defs.size(); i++) {
            CheckDefinition c = defs.get(i);
            String id = !c.id().isEmpty() ? c.id()
                    : defs.size() == 1 ? "service:" + def.serviceId() : "service:" + def.serviceId() + ":" + (i + 1);
            String name = !c.name().isEmpty() ? c.name() : "Service '" + def.name() + "' check";
            out.add(healthCheck(c.withIds(id, name, def.serviceId()), def.name(), def.tags()));
        }
        return out;
    }

    private HealthCheck healthCheck(CheckDefinition c, String serviceName, List<String> serviceTags) {
        String status = c.status().isEmpty() ? HealthCheck.CRITICAL : c.status();
        return HealthCheck.builder(settings.nodeName(), c.id()).name(c.name()).status(status).notes(c.notes())
                .service(c.serviceId(), serviceName, serviceTags).type(c.type())
                .interval(c.interval() == null ? "" : GoDuration.format(c.interval()))
                .timeout(c.timeout() == null ? "" : GoDuration.format(c.timeout())).definition(c.definitionView())
                .build();
    }

    /** Refuses what this agent will not run: scripts and Docker checks without the enable flags, OS services. */
    private void allowed(CheckDefinition c, Source source) {
        String type = c.type();
        if (CheckDefinition.SCRIPT.equals(type) || CheckDefinition.DOCKER.equals(type)) {
            boolean ok = settings.enableScriptChecks()
                    || (settings.enableLocalScriptChecks() && source != Source.API);
            if (!ok) {
                throw RegistrationException.invalid(SCRIPTS_DISABLED);
            }
        }
        if (CheckDefinition.OS_SERVICE.equals(type)) {
            throw RegistrationException.invalid("OSService checks are only supported on Windows");
        }
    }

    /** Registers a check on its own (/v1/agent/check/register or a config check block). */
    public synchronized void registerCheck(CheckDefinition def, Source source, String raw) {
        String id = def.id().isEmpty() ? def.name() : def.id();
        if (def.name().isEmpty()) {
            throw RegistrationException.invalid("Missing check name");
        }
        allowed(def, source);
        String serviceName = "";
        List<String> tags = List.of();
        if (!def.serviceId().isEmpty()) {
            LocalService svc = state.service(def.serviceId());
            if (svc == null) {
                throw RegistrationException.invalid("ServiceID \"" + def.serviceId() + "\" does not exist");
            }
            serviceName = svc.service().service();
            tags = svc.service().tags();
        }
        CheckDefinition withId = def.withIds(id, def.name(), def.serviceId());
        addCheck(healthCheck(withId, serviceName, tags), withId, source);
        if (source == Source.API && store != null) {
            store.saveCheck(id, raw);
        }
    }

    private void addCheck(HealthCheck h, CheckDefinition def, Source source) {
        String id = h.checkId();
        stopRunner(id);
        LocalCheck existing = state.check(id);
        HealthCheck row = h;
        if (existing != null && def != null && def.status().isEmpty()) {
            // Re-registering keeps the status the check has reached, as Consul does.
            HealthCheck e = existing.check();
            row = h.toBuilder().status(e.status()).output(e.output()).indexes(0, 0).build();
        }
        state.putCheck(new LocalCheck(row, def, source));
        if (def != null) {
            CheckRunner runner;
            try {
                runner = CheckRunnerFactory.create(id, def, sinkFor(id, def), aliasSource(def, id));
            } catch (IllegalArgumentException e) {
                state.removeCheck(id);
                throw RegistrationException.invalid("Invalid check: " + e.getMessage());
            }
            runners.put(id, runner);
            runner.start();
        }
    }

    private StatusSink sinkFor(String id, CheckDefinition def) {
        StatusSink direct = (status, output) -> {
            if (HealthCheck.CRITICAL.equals(status)) {
                criticalSince.putIfAbsent(id, Instant.now());
            } else {
                criticalSince.remove(id);
            }
            state.updateCheck(id, status, output);
        };
        return OutputLimit.limiting(direct, OutputLimit.DEFAULT_MAX);
    }

    private AliasRunner.Source aliasSource(CheckDefinition def, String selfId) {
        return () -> {
            boolean localNode = def.aliasNode().isEmpty() || def.aliasNode().equals(settings.nodeName());
            List<String> statuses = new ArrayList<>();
            if (localNode) {
                if (!def.aliasService().isEmpty() && state.service(def.aliasService()) == null) {
                    return null;
                }
                for (LocalCheck c : state.checks()) {
                    if (c.check().checkId().equals(selfId)) {
                        continue;
                    }
                    String sid = c.check().serviceId();
                    if (def.aliasService().isEmpty() ? sid.isEmpty() : def.aliasService().equals(sid)) {
                        statuses.add(c.check().status());
                    } else if (!def.aliasService().isEmpty() && sid.isEmpty()) {
                        statuses.add(c.check().status()); // node checks count for the service too
                    }
                }
                return statuses;
            }
            if (remote == null) {
                return null;
            }
            List<dev.proconsul.structs.NodeService> svcs = remote.nodeServices(def.aliasNode());
            if (svcs == null) {
                return null;
            }
            if (!def.aliasService().isEmpty() && svcs.stream().noneMatch(s -> s.id().equals(def.aliasService()))) {
                return null;
            }
            for (HealthCheck c : remote.nodeChecks(def.aliasNode())) {
                if (c.serviceId().isEmpty() || c.serviceId().equals(def.aliasService())) {
                    statuses.add(c.status());
                }
            }
            return statuses;
        };
    }

    /** Removes a service, its checks and its sidecar. */
    public synchronized boolean deregisterService(String id) {
        LocalService s = state.service(id);
        if (s == null) {
            return false;
        }
        removeService(id);
        LocalService sidecar = state.service(SidecarExpander.sidecarId(id));
        if (sidecar != null && id.equals(sidecar.parentId())) {
            removeService(sidecar.service().id());
        }
        if (store != null) {
            store.deleteService(id);
        }
        LOG.info("Deregistered service: service=" + id);
        return true;
    }

    private void removeService(String id) {
        for (String checkId : state.removeService(id)) {
            stopRunner(checkId);
        }
    }

    public synchronized boolean deregisterCheck(String id) {
        if (state.check(id) == null) {
            return false;
        }
        removeCheck(id);
        if (store != null) {
            store.deleteCheck(id);
        }
        return true;
    }

    private void removeCheck(String id) {
        stopRunner(id);
        state.removeCheck(id);
    }

    private void stopRunner(String id) {
        CheckRunner r = runners.remove(id);
        if (r != null) {
            r.close();
        }
        criticalSince.remove(id);
    }

    /** A TTL check report (/v1/agent/check/pass|warn|fail|update). */
    public void updateTtl(String id, String status, String output) {
        LocalCheck c = state.check(id);
        if (c == null) {
            throw RegistrationException.notFound("Unknown check ID \"" + id
                    + "\". Ensure that the check ID is passed, not the check name.");
        }
        if (!(runners.get(id) instanceof TtlRunner ttl)) {
            throw RegistrationException.invalid("Check \"" + id + "\" is not a TTL check");
        }
        ttl.report(status, OutputLimit.truncate(output, OutputLimit.DEFAULT_MAX));
    }

    /** Puts the node in maintenance: a critical _node_maintenance check. */
    public synchronized void enableNodeMaintenance(String reason) {
        String notes = reason == null || reason.isEmpty() ? "Maintenance mode is enabled for this node" : reason;
        state.putCheck(new LocalCheck(HealthCheck.builder(settings.nodeName(), NODE_MAINTENANCE_CHECK)
                .name("Node Maintenance Mode").status(HealthCheck.CRITICAL).notes(notes).type("maintenance").build(),
                null, Source.INTERNAL));
        LOG.info("Node entered maintenance mode");
    }

    public synchronized void disableNodeMaintenance() {
        if (state.removeCheck(NODE_MAINTENANCE_CHECK)) {
            LOG.info("Node left maintenance mode");
        }
    }

    /** Puts one service in maintenance; unknown IDs are refused. */
    public synchronized void enableServiceMaintenance(String serviceId, String reason) {
        LocalService s = requireService(serviceId);
        String notes = reason == null || reason.isEmpty() ? "Maintenance mode is enabled for this service" : reason;
        state.putCheck(new LocalCheck(HealthCheck.builder(settings.nodeName(), SERVICE_MAINTENANCE_PREFIX + serviceId)
                .name("Service Maintenance Mode").status(HealthCheck.CRITICAL).notes(notes)
                .service(serviceId, s.service().service(), s.service().tags()).type("maintenance").build(),
                null, Source.INTERNAL));
        LOG.info("Service entered maintenance mode: service=" + serviceId);
    }

    public synchronized void disableServiceMaintenance(String serviceId) {
        requireService(serviceId);
        if (state.removeCheck(SERVICE_MAINTENANCE_PREFIX + serviceId)) {
            LOG.info("Service left maintenance mode: service=" + serviceId);
        }
    }

    private LocalService requireService(String id) {
        LocalService s = state.service(id);
        if (s == null) {
            throw RegistrationException.notFound("Unknown service ID \"" + id + "\"");
        }
        return s;
    }

    /**
     * Removes services whose check has been critical longer than its deregister_critical_service_after; the
     * agent calls this periodically.
     */
    public void reapCriticalServices(Instant now) {
        for (LocalCheck c : state.checks()) {
            CheckDefinition d = c.definition();
            Instant since = criticalSince.get(c.check().checkId());
            if (d == null || since == null || d.deregisterCriticalServiceAfter() == null
                    || c.check().serviceId().isEmpty()) {
                continue;
            }
            Duration limit = d.deregisterCriticalServiceAfter();
            if (!limit.isZero() && since.plus(limit).isBefore(now)) {
                LOG.info("Check critical for too long, deregistering service: check=" + c.check().checkId()
                        + " service=" + c.check().serviceId());
                deregisterService(c.check().serviceId());
            }
        }
    }

    /**
     * Makes the config-file services and checks equal to {@code defs}: new and changed ones are registered, ones
     * no longer in the files removed. API registrations are left alone.
     */
    public synchronized void applyConfig(ConfigDefinitions defs) {
        java.util.Set<String> wantServices = new HashSet<>();
        for (ServiceDefinition s : defs.services()) {
            wantServices.add(s.serviceId());
        }
        java.util.Set<String> wantChecks = new HashSet<>();
        for (CheckDefinition c : defs.checks()) {
            wantChecks.add(c.id().isEmpty() ? c.name() : c.id());
        }
        for (LocalService s : state.services()) {
            if (s.source() == Source.CONFIG && s.parentId() == null && !wantServices.contains(s.service().id())) {
                deregisterService(s.service().id());
            }
        }
        for (LocalCheck c : state.checks()) {
            if (c.source() == Source.CONFIG && c.check().serviceId().isEmpty()
                    && !wantChecks.contains(c.check().checkId())) {
                deregisterCheck(c.check().checkId());
            }
        }
        for (ServiceDefinition s : defs.services()) {
            LocalService existing = state.service(s.serviceId());
            if (existing != null && existing.source() == Source.CONFIG && s.equals(existing.definition())) {
                continue; // unchanged: keep its runners and their state
            }
            registerService(s, Source.CONFIG, true, null);
        }
        for (CheckDefinition c : defs.checks()) {
            LocalCheck existing = state.check(c.id().isEmpty() ? c.name() : c.id());
            if (existing != null && existing.source() == Source.CONFIG && existing.definition() != null
                    && existing.definition().withIds("", c.name(), c.serviceId()).equals(c.withIds("", c.name(), c.serviceId()))) {
                continue;
            }
            registerCheck(c, Source.CONFIG, null);
        }
    }

    /** Re-registers what the API registered before the last shutdown; bad files are logged and skipped. */
    public void restorePersisted() {
        if (store == null) {
            return;
        }
        for (RegistrationStore.Entry e : store.services()) {
            try {
                registerService(ServiceDefinition.read(e.tree(), ""), Source.API, false, e.raw());
            } catch (ConfigException | RegistrationException ex) {
                LOG.warning("could not restore service from " + e.file() + ": " + ex.getMessage());
            }
        }
        for (RegistrationStore.Entry e : store.checks()) {
            try {
                registerCheck(CheckDefinition.read(new DefinitionFields(e.tree(), ""), null), Source.API, e.raw());
            } catch (ConfigException | RegistrationException ex) {
                LOG.warning("could not restore check from " + e.file() + ": " + ex.getMessage());
            }
        }
    }

    /** Whether a data dir file for the service exists (for tests and debugging). */
    boolean isPersisted(String serviceId) {
        return store != null && Files.exists(store.serviceFile(serviceId));
    }

    @Override
    public void close() {
        for (String id : new ArrayList<>(runners.keySet())) {
            stopRunner(id);
        }
    }
}
