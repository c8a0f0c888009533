package dev.proconsul.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.NodeServices;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.ServiceNode;
import dev.proconsul.structs.Weights;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The catalog (Consul's catalog.go): nodes, services and checks, with their reads, writes, watch topics and
 * snapshot members ({@code ServiceIndexes}, {@code Nodes}, {@code Services}, {@code Checks}).
 *
 * <p>Register and deregister apply as Consul's state store does: rows that would not change are not rewritten (so
 * their ModifyIndex and the table indexes stay put and no watcher wakes), and every change also bumps the
 * per-service-name index of each service whose health view it alters.
 */
final class CatalogUnit implements TableUnit {
    static final TableKey<NodesTable> NODES = new TableKey<>("nodes", NodesTable.EMPTY);
    static final TableKey<ServicesTable> SERVICES = new TableKey<>("services", ServicesTable.EMPTY);
    static final TableKey<ChecksTable> CHECKS = new TableKey<>("checks", ChecksTable.EMPTY);
    static final CatalogUnit UNIT = new CatalogUnit();

    /** Topic: the node list. */
    static final String NODES_TOPIC = "nodes";
    /** Topic: the service list. */
    static final String SERVICES_TOPIC = "services";
    /** Topic: every check. */
    static final String CHECKS_TOPIC = "checks";

    private CatalogUnit() {
    }

    /** Topic: one node's row and its service instances. */
    static String nodeTopic(String node) {
        return "n:" + Keys.fold(node);
    }

    /** Topic: one node's checks. */
    static String nodeChecksTopic(String node) {
        return "nc:" + Keys.fold(node);
    }

    /** Topic: everything a health view of a service shows: instances, their nodes, their checks, their nodes' checks. */
    static String serviceTopic(String name) {
        return "s:" + Keys.fold(name);
    }

    // ------------------------------------------------------------------ indexes

    /** Consul's catalog max index: nodes and services tables, plus checks when the read shows health. */
    static long catalogIndex(Tables t, boolean withChecks) {
        long idx = Math.max(t.get(NODES).index(), t.get(SERVICES).index());
        return withChecks ? Math.max(idx, t.get(CHECKS).index()) : idx;
    }

    /** The index a read of one service reports, as Consul's maxIndexForService computes it. */
    static long serviceIndex(Tables t, String serviceName, boolean withChecks) {
        ServicesTable services = t.get(SERVICES);
        if (!services.hasInstances(serviceName) && services.lastExtinction() > 0) {
            return services.lastExtinction();
        }
        long idx = services.nameIndex(serviceName);
        return idx > 0 ? idx : catalogIndex(t, withChecks);
    }

    // ------------------------------------------------------------------ reads

    /** All nodes by name; index as Consul's: the max of the nodes and services tables. */
    static Indexed<List<Node>> nodes(Tables t) {
        NodesTable nodes = t.get(NODES);
        List<Node> out = new ArrayList<>(nodes.rows().size());
        nodes.rows().forEach((k, n) -> out.add(n));
        return TableUnit.indexed(catalogIndex(t, false), Collections.unmodifiableList(out));
    }

    static Indexed<Node> node(Tables t, String name) {
        return TableUnit.indexed(catalogIndex(t, false), t.get(NODES).get(name));
    }

    /** Service name → union of tags of its instances (first-seen order), sorted by name. */
    static Indexed<Map<String, List<String>>> services(Tables t) {
        ServicesTable services = t.get(SERVICES);
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : services.byName()) {
            NodeService s = services.rows().get(e.getValue());
            String folded = Keys.fold(s.service());
            display.putIfAbsent(folded, s.service());
            tags.computeIfAbsent(folded, k -> new LinkedHashSet<>()).addAll(s.tags());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        tags.forEach((folded, set) -> out.put(display.get(folded), Collections.unmodifiableList(new ArrayList<>(set))));
        return TableUnit.indexed(services.index(), Collections.unmodifiableMap(out));
    }

    static Indexed<List<ServiceNode>> serviceNodes(Tables t, String service) {
        ServicesTable services = t.get(SERVICES);
        List<ServiceNode> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(services.byName(), Keys.prefix(service))) {
            String rowKey = e.getValue();
            out.add(new ServiceNode(nodeOfRow(t, rowKey), services.rows().get(rowKey)));
        }
        return TableUnit.indexed(serviceIndex(t, service, false), Collections.unmodifiableList(out));
    }

    static Indexed<NodeServices> nodeServices(Tables t, String node) {
        Node n = t.get(NODES).get(node);
        NodeServices value = n == null ? null
                : new NodeServices(n, List.copyOf(Keys.valuesWithPrefix(t.get(SERVICES).rows(), Keys.prefix(node))));
        return TableUnit.indexed(catalogIndex(t, false), value);
    }

    static Indexed<List<HealthCheck>> nodeChecks(Tables t, String node) {
        ChecksTable checks = t.get(CHECKS);
        return TableUnit.indexed(checks.index(), List.copyOf(Keys.valuesWithPrefix(checks.rows(), Keys.prefix(node))));
    }

    static Indexed<List<HealthCheck>> serviceChecks(Tables t, String service) {
        ChecksTable checks = t.get(CHECKS);
        List<HealthCheck> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(checks.byService(), Keys.prefix(service))) {
            out.add(checks.rows().get(e.getValue()));
        }
        return TableUnit.indexed(checks.index(), Collections.unmodifiableList(out));
    }

    static Indexed<List<HealthCheck>> checksInState(Tables t, String state) {
        ChecksTable checks = t.get(CHECKS);
        boolean any = "any".equals(state);
        List<HealthCheck> out = new ArrayList<>();
        checks.rows().forEach((k, c) -> {
            if (any || c.status().equals(state)) {
                out.add(c);
            }
        });
        return TableUnit.indexed(checks.index(), Collections.unmodifiableList(out));
    }

    static Indexed<List<CheckServiceNode>> checkServiceNodes(Tables t, String service) {
        ServicesTable services = t.get(SERVICES);
        ChecksTable allChecks = t.get(CHECKS);
        List<CheckServiceNode> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Keys.withPrefix(services.byName(), Keys.prefix(service))) {
            String rowKey = e.getValue();
            Node node = nodeOfRow(t, rowKey);
            NodeService svc = services.rows().get(rowKey);
            String svcId = Keys.fold(svc.id());
            List<HealthCheck> checks = new ArrayList<>();
            for (Map.Entry<String, HealthCheck> c : Keys.withPrefix(allChecks.rows(), Keys.prefix(node.node()))) {
                String sid = c.getValue().serviceId();
                if (sid.isEmpty() || Keys.fold(sid).equals(svcId)) {
                    checks.add(c.getValue());
                }
            }
            out.add(new CheckServiceNode(node, svc, Collections.unmodifiableList(checks)));
        }
        return TableUnit.indexed(serviceIndex(t, service, true), Collections.unmodifiableList(out));
    }

    private static Node nodeOfRow(Tables t, String serviceRowKey) {
        return t.get(NODES).rows().get(serviceRowKey.substring(0, serviceRowKey.indexOf(Keys.SEP)));
    }

    // ------------------------------------------------------------------ writes

    static void register(Txn tx, RegisterRequest req) throws Rejected {
        if (isEmpty(req.node())) {
            throw new Rejected("Must provide node");
        }
        if (isEmpty(req.address()) && !req.skipNodeUpdate()) {
            throw new Rejected("Must provide address if SkipNodeUpdate is not set");
        }
        ensureNode(tx, req);
        if (req.service() != null) {
            ensureService(tx, req.node(), req.service());
        }
        List<HealthCheck> checks = new ArrayList<>();
        if (req.check() != null) {
            checks.add(req.check());
        }
        if (req.checks() != null) {
            checks.addAll(req.checks());
        }
        for (HealthCheck check : checks) {
            if (check == null) {
                continue;
            }
            if (!isEmpty(check.node()) && !Keys.fold(check.node()).equals(Keys.fold(req.node()))) {
                throw new Rejected("check node \"" + check.node() + "\" does not match node \"" + req.node() + "\"");
            }
            ensureCheck(tx, req.node(), check);
        }
    }

    private static void ensureNode(Txn tx, RegisterRequest req) throws Rejected {
        Node existing = tx.get(NODES).get(req.node());
        if (existing != null && req.skipNodeUpdate()) {
            return;
        }
        String id = req.id() == null ? "" : req.id();
        if (!id.isEmpty()) {
            String owner = tx.get(NODES).nameForId(id);
            if (owner != null && !owner.equals(Keys.fold(req.node()))) {
                Node other = tx.get(NODES).rows().get(owner);
                throw new Rejected("failed inserting node: Error while renaming Node ID: \"" + id
                        + "\": Node name " + other.node() + " is reserved by node ID " + id);
            }
        }
        Node wanted = new Node(id, req.node(), nullToEmpty(req.address()), nullToEmpty(req.datacenter()),
                orEmpty(req.taggedAddresses()), orEmpty(req.nodeMeta()),
                existing == null ? tx.index : existing.createIndex(),
                existing == null ? tx.index : existing.modifyIndex());
        if (existing != null && sameNode(existing, wanted)) {
            return;
        }
        Node row = withModify(wanted, tx.index);
        tx.set(NODES, tx.get(NODES).put(row, tx.index));
        tx.topics.add(NODES_TOPIC);
        tx.topics.add(nodeTopic(row.node()));
        touchServicesOfNode(tx, row.node());
    }

    private static void ensureService(Txn tx, String node, NodeService in) throws Rejected {
        String name = nullToEmpty(in.service());
        String id = isEmpty(in.id()) ? name : in.id();
        if (name.isEmpty()) {
            throw new Rejected(id.isEmpty() ? "Must provide service name" : "Must provide service name with ID");
        }
        if (tx.get(NODES).get(node) == null) {
            throw new Rejected("failed inserting service: Missing node registration");
        }
        NodeService existing = tx.get(SERVICES).get(node, id);
        NodeService wanted = new NodeService(nullToEmpty(in.kind()), id, name,
                orEmpty(in.tags()), nullToEmpty(in.address()),
                copyOrNull(in.taggedAddresses()), orEmpty(in.meta()), in.port(),
                in.weights() == null ? Weights.DEFAULT : in.weights(), in.enableTagOverride(), in.proxy(),
                in.connect(), existing == null ? tx.index : existing.createIndex(),
                existing == null ? tx.index : existing.modifyIndex());
        if (existing != null && wanted.equals(existing)) {
            return;
        }
        NodeService row = withModify(wanted, tx.index);
        tx.set(SERVICES, tx.get(SERVICES).put(node, row, tx.index));
        tx.topics.add(SERVICES_TOPIC);
        tx.topics.add(nodeTopic(node));
        touchService(tx, name);
        if (existing != null && !Keys.fold(existing.service()).equals(Keys.fold(name))) {
            touchService(tx, existing.service());
        }
        if (existing != null && (!existing.service().equals(name) || !existing.tags().equals(row.tags()))) {
            refreshServiceChecks(tx, node, row);
        }
    }

    /** Checks carry their service's name and tags; keep those copies (and the by-service index) current. */
    private static void refreshServiceChecks(Txn tx, String node, NodeService svc) {
        String id = Keys.fold(svc.id());
        for (HealthCheck c : Keys.valuesWithPrefix(tx.get(CHECKS).rows(), Keys.prefix(node))) {
            if (Keys.fold(c.serviceId()).equals(id)) {
                HealthCheck updated = new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(),
                        c.output(), c.serviceId(), svc.service(), svc.tags(), c.type(), c.interval(), c.timeout(),
                        c.definition(), c.createIndex(), tx.index);
                tx.set(CHECKS, tx.get(CHECKS).put(updated, tx.index));
                tx.topics.add(CHECKS_TOPIC);
                tx.topics.add(nodeChecksTopic(node));
            }
        }
    }

    private static void ensureCheck(Txn tx, String node, HealthCheck in) throws Rejected {
        String checkId = isEmpty(in.checkId()) ? nullToEmpty(in.name()) : in.checkId();
        if (checkId.isEmpty()) {
            throw new Rejected("failed inserting check: Must provide CheckID or Name");
        }
        Node nodeRow = tx.get(NODES).get(node);
        if (nodeRow == null) {
            throw new Rejected("failed inserting check: Missing node registration");
        }
        String serviceId = nullToEmpty(in.serviceId());
        String serviceName = "";
        List<String> serviceTags = List.of();
        if (!serviceId.isEmpty()) {
            NodeService svc = tx.get(SERVICES).get(node, serviceId);
            if (svc == null) {
                throw new Rejected("failed inserting check: Missing service registration");
            }
            serviceId = svc.id();
            serviceName = svc.service();
            serviceTags = svc.tags();
        }
        HealthCheck existing = tx.get(CHECKS).get(node, checkId);
        HealthCheck wanted = new HealthCheck(nodeRow.node(), checkId, nullToEmpty(in.name()),
                isEmpty(in.status()) ? HealthCheck.CRITICAL : in.status(), nullToEmpty(in.notes()),
                nullToEmpty(in.output()), serviceId, serviceName, serviceTags, nullToEmpty(in.type()),
                nullToEmpty(in.interval()), nullToEmpty(in.timeout()), orEmpty(in.definition()),
                existing == null ? tx.index : existing.createIndex(),
                existing == null ? tx.index : existing.modifyIndex());
        if (existing != null && wanted.equals(existing)) {
            return;
        }
        HealthCheck row = withModify(wanted, tx.index);
        tx.set(CHECKS, tx.get(CHECKS).put(row, tx.index));
        checkChanged(tx, node, row);
        if (HealthCheck.CRITICAL.equals(row.status())) {
            SessionUnit.invalidateCheck(tx, node, checkId);
        }
        if (existing != null && !existing.serviceId().isEmpty()
                && !Keys.fold(existing.serviceName()).equals(Keys.fold(serviceName))) {
            touchService(tx, existing.serviceName());
        }
    }

    static void deregister(Txn tx, DeregisterRequest req) throws Rejected {
        if (isEmpty(req.node())) {
            throw new Rejected("Must provide node");
        }
        boolean service = !isEmpty(req.serviceId());
        boolean check = !isEmpty(req.checkId());
        if (service) {
            deleteService(tx, req.node(), req.serviceId());
        }
        if (check) {
            deleteCheck(tx, req.node(), req.checkId());
        }
        if (!service && !check) {
            deleteNode(tx, req.node());
        }
    }

    private static void deleteNode(Txn tx, String node) {
        Node row = tx.get(NODES).get(node);
        if (row == null) {
            return;
        }
        SessionUnit.invalidateNode(tx, node);
        for (HealthCheck c : Keys.valuesWithPrefix(tx.get(CHECKS).rows(), Keys.prefix(node))) {
            tx.set(CHECKS, tx.get(CHECKS).remove(node, c.checkId(), tx.index));
            tx.topics.add(CHECKS_TOPIC);
            tx.topics.add(nodeChecksTopic(node));
        }
        for (NodeService s : Keys.valuesWithPrefix(tx.get(SERVICES).rows(), Keys.prefix(node))) {
            tx.set(SERVICES, tx.get(SERVICES).remove(node, s.id(), tx.index));
            touchService(tx, s.service());
            tx.topics.add(SERVICES_TOPIC);
        }
        CoordinateUnit.deleteNode(tx, node);
        tx.set(NODES, tx.get(NODES).remove(node, tx.index));
        tx.topics.add(NODES_TOPIC);
        tx.topics.add(nodeTopic(node));
    }

    private static void deleteService(Txn tx, String node, String serviceId) {
        NodeService svc = tx.get(SERVICES).get(node, serviceId);
        if (svc == null) {
            return;
        }
        for (HealthCheck c : Keys.valuesWithPrefix(tx.get(CHECKS).rows(), Keys.prefix(node))) {
            if (Keys.fold(c.serviceId()).equals(Keys.fold(serviceId))) {
                SessionUnit.invalidateCheck(tx, node, c.checkId());
                tx.set(CHECKS, tx.get(CHECKS).remove(node, c.checkId(), tx.index));
                tx.topics.add(CHECKS_TOPIC);
                tx.topics.add(nodeChecksTopic(node));
            }
        }
        tx.set(SERVICES, tx.get(SERVICES).remove(node, serviceId, tx.index));
        tx.topics.add(SERVICES_TOPIC);
        tx.topics.add(nodeTopic(node));
        touchService(tx, svc.service());
    }

    private static void deleteCheck(Txn tx, String node, String checkId) {
        HealthCheck c = tx.get(CHECKS).get(node, checkId);
        if (c == null) {
            return;
        }
        SessionUnit.invalidateCheck(tx, node, checkId);
        tx.set(CHECKS, tx.get(CHECKS).remove(node, checkId, tx.index));
        checkChanged(tx, node, c);
    }

    /** A check was written or removed: wake its node's check watchers and every service view it appears in. */
    private static void checkChanged(Txn tx, String node, HealthCheck c) {
        tx.topics.add(CHECKS_TOPIC);
        tx.topics.add(nodeChecksTopic(node));
        if (isEmpty(c.serviceId())) {
            touchServicesOfNode(tx, node);
        } else {
            touchService(tx, c.serviceName());
        }
    }

    /** Node-level changes show in the health of every service on the node. */
    private static void touchServicesOfNode(Txn tx, String node) {
        for (NodeService s : Keys.valuesWithPrefix(tx.get(SERVICES).rows(), Keys.prefix(node))) {
            touchService(tx, s.service());
        }
    }

    private static void touchService(Txn tx, String name) {
        tx.set(SERVICES, tx.get(SERVICES).touchName(name, tx.index));
        tx.topics.add(serviceTopic(name));
    }

    private static boolean sameNode(Node a, Node b) {
        return Objects.equals(a.id(), b.id()) && a.node().equals(b.node()) && a.address().equals(b.address())
                && Objects.equals(a.datacenter(), b.datacenter())
                && a.taggedAddresses().equals(b.taggedAddresses()) && a.meta().equals(b.meta());
    }

    private static Node withModify(Node n, long idx) {
        return new Node(n.id(), n.node(), n.address(), n.datacenter(), n.taggedAddresses(), n.meta(),
                n.createIndex(), idx);
    }

    private static NodeService withModify(NodeService s, long idx) {
        return new NodeService(s.kind(), s.id(), s.service(), s.tags(), s.address(), s.taggedAddresses(), s.meta(),
                s.port(), s.weights(), s.enableTagOverride(), s.proxy(), s.connect(), s.createIndex(), idx);
    }

    private static HealthCheck withModify(HealthCheck c, long idx) {
        return new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(), c.output(), c.serviceId(),
                c.serviceName(), c.serviceTags(), c.type(), c.interval(), c.timeout(), c.definition(),
                c.createIndex(), idx);
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Rows are shared with every reader, so they hold private, unmodifiable copies of what callers passed. */
    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static <K, V> Map<K, V> copyOrNull(Map<K, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(l));
    }

    // ------------------------------------------------------------------ snapshot

    record ServiceRow(@JsonProperty("Node") String node, @JsonProperty("Service") NodeService service) {
    }

    @Override
    public List<TableKey<?>> tables() {
        return List.of(NODES, SERVICES, CHECKS);
    }

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        out.index(NODES.name, t.get(NODES).index());
        out.index(SERVICES.name, t.get(SERVICES).index());
        out.index(CHECKS.name, t.get(CHECKS).index());
        out.index(LAST_EXTINCTION, t.get(SERVICES).lastExtinction());
    }

    /** Index entry: when the last instance of some service went away. */
    private static final String LAST_EXTINCTION = "service_last_extinction";

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("ServiceIndexes");
        for (Map.Entry<String, Long> e : t.get(SERVICES).nameIndexes()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        SnapshotCodec.writeRows(g, "Nodes", t.get(NODES).rows(), n -> n);
        g.writeArrayFieldStart("Services");
        NodesTable nodes = t.get(NODES);
        for (Map.Entry<String, NodeService> e : t.get(SERVICES).rows()) {
            String nodeKey = e.getKey().substring(0, e.getKey().indexOf(Keys.SEP));
            g.writeObject(new ServiceRow(nodes.rows().get(nodeKey).node(), e.getValue()));
        }
        g.writeEndArray();
        SnapshotCodec.writeRows(g, "Checks", t.get(CHECKS).rows(), c -> c);
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private Map<String, Long> serviceIndexes = Map.of();
            private NodesTable nodes = NodesTable.EMPTY;
            private ServicesTable services = ServicesTable.EMPTY;
            private ChecksTable checks = ChecksTable.EMPTY;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                switch (name) {
                    case "ServiceIndexes" -> serviceIndexes = SnapshotCodec.readLongMap(p);
                    case "Nodes" -> {
                        for (Node n : SnapshotCodec.readArray(p, Node.class)) {
                            nodes = nodes.put(n, 0);
                        }
                    }
                    case "Services" -> {
                        for (ServiceRow r : SnapshotCodec.readArray(p, ServiceRow.class)) {
                            services = services.put(r.node(), r.service(), 0);
                        }
                    }
                    case "Checks" -> {
                        for (HealthCheck c : SnapshotCodec.readArray(p, HealthCheck.class)) {
                            checks = checks.put(freeze(c), 0);
                        }
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                PersistentSortedMap<String, Long> names = PersistentSortedMap.empty();
                for (Map.Entry<String, Long> e : serviceIndexes.entrySet()) {
                    names = names.put(e.getKey(), e.getValue());
                }
                out.put(NODES, new NodesTable(nodes.rows(), nodes.byId(), indexes.getOrDefault(NODES.name, 0L)));
                out.put(SERVICES, new ServicesTable(services.rows(), services.byName(), names,
                        indexes.getOrDefault(LAST_EXTINCTION, 0L), indexes.getOrDefault(SERVICES.name, 0L)));
                out.put(CHECKS, new ChecksTable(checks.rows(), checks.byService(),
                        indexes.getOrDefault(CHECKS.name, 0L)));
            }
        };
    }

    /** Rows read from JSON get the same empty-not-null collections a write gives them. */
    private static HealthCheck freeze(HealthCheck c) {
        return new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(), c.output(), c.serviceId(),
                c.serviceName(), c.serviceTags() == null ? List.of() : c.serviceTags(), c.type(), c.interval(),
                c.timeout(), c.definition() == null ? Map.of() : c.definition(), c.createIndex(), c.modifyIndex());
    }
}
