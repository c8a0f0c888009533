package dev.proconsul.state;

import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Catalog register and deregister, as Consul's state store applies them: rows that would not change are not
 * rewritten (so their ModifyIndex and the table indexes stay put and no watcher wakes), and every change also
 * bumps the per-service-name index of each service whose health view it alters.
 */
final class CatalogWrites {
    private CatalogWrites() {
    }

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
        Node existing = tx.nodes.get(req.node());
        if (existing != null && req.skipNodeUpdate()) {
            return;
        }
        String id = req.id() == null ? "" : req.id();
        if (!id.isEmpty()) {
            String owner = tx.nodes.nameForId(id);
            if (owner != null && !owner.equals(Keys.fold(req.node()))) {
                Node other = tx.nodes.rows().get(owner);
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
        tx.nodes = tx.nodes.put(row, tx.index);
        tx.topics.add(Topics.NODES);
        tx.topics.add(Topics.node(row.node()));
        touchServicesOfNode(tx, row.node());
    }

    private static void ensureService(Txn tx, String node, NodeService in) throws Rejected {
        String name = nullToEmpty(in.service());
        String id = isEmpty(in.id()) ? name : in.id();
        if (name.isEmpty()) {
            throw new Rejected(id.isEmpty() ? "Must provide service name" : "Must provide service name with ID");
        }
        if (tx.nodes.get(node) == null) {
            throw new Rejected("failed inserting service: Missing node registration");
        }
        NodeService existing = tx.services.get(node, id);
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
        tx.services = tx.services.put(node, row, tx.index);
        tx.topics.add(Topics.SERVICES);
        tx.topics.add(Topics.node(node));
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
        for (HealthCheck c : Keys.valuesWithPrefix(tx.checks.rows(), Keys.prefix(node))) {
            if (Keys.fold(c.serviceId()).equals(id)) {
                HealthCheck updated = new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(),
                        c.output(), c.serviceId(), svc.service(), svc.tags(), c.type(), c.interval(), c.timeout(),
                        c.definition(), c.createIndex(), tx.index);
                tx.checks = tx.checks.put(updated, tx.index);
                tx.topics.add(Topics.CHECKS);
                tx.topics.add(Topics.nodeChecks(node));
            }
        }
    }

    private static void ensureCheck(Txn tx, String node, HealthCheck in) throws Rejected {
        String checkId = isEmpty(in.checkId()) ? nullToEmpty(in.name()) : in.checkId();
        if (checkId.isEmpty()) {
            throw new Rejected("failed inserting check: Must provide CheckID or Name");
        }
        Node nodeRow = tx.nodes.get(node);
        if (nodeRow == null) {
            throw new Rejected("failed inserting check: Missing node registration");
        }
        String serviceId = nullToEmpty(in.serviceId());
        String serviceName = "";
        List<String> serviceTags = List.of();
        if (!serviceId.isEmpty()) {
            NodeService svc = tx.services.get(node, serviceId);
            if (svc == null) {
                throw new Rejected("failed inserting check: Missing service registration");
            }
            serviceId = svc.id();
            serviceName = svc.service();
            serviceTags = svc.tags();
        }
        HealthCheck existing = tx.checks.get(node, checkId);
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
        tx.checks = tx.checks.put(row, tx.index);
        checkChanged(tx, node, row);
        if (HealthCheck.CRITICAL.equals(row.status())) {
            SessionWrites.invalidateCheck(tx, node, checkId);
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
        Node row = tx.nodes.get(node);
        if (row == null) {
            return;
        }
        SessionWrites.invalidateNode(tx, node);
        for (HealthCheck c : Keys.valuesWithPrefix(tx.checks.rows(), Keys.prefix(node))) {
            tx.checks = tx.checks.remove(node, c.checkId(), tx.index);
            tx.topics.add(Topics.CHECKS);
            tx.topics.add(Topics.nodeChecks(node));
        }
        for (NodeService s : Keys.valuesWithPrefix(tx.services.rows(), Keys.prefix(node))) {
            tx.services = tx.services.remove(node, s.id(), tx.index);
            touchService(tx, s.service());
            tx.topics.add(Topics.SERVICES);
        }
        CoordinateWrites.deleteNode(tx, node);
        tx.nodes = tx.nodes.remove(node, tx.index);
        tx.topics.add(Topics.NODES);
        tx.topics.add(Topics.node(node));
    }

    private static void deleteService(Txn tx, String node, String serviceId) {
        NodeService svc = tx.services.get(node, serviceId);
        if (svc == null) {
            return;
        }
        for (HealthCheck c : Keys.valuesWithPrefix(tx.checks.rows(), Keys.prefix(node))) {
            if (Keys.fold(c.serviceId()).equals(Keys.fold(serviceId))) {
                SessionWrites.invalidateCheck(tx, node, c.checkId());
                tx.checks = tx.checks.remove(node, c.checkId(), tx.index);
                tx.topics.add(Topics.CHECKS);
                tx.topics.add(Topics.nodeChecks(node));
            }
        }
        tx.services = tx.services.remove(node, serviceId, tx.index);
        tx.topics.add(Topics.SERVICES);
        tx.topics.add(Topics.node(node));
        touchService(tx, svc.service());
    }

    private static void deleteCheck(Txn tx, String node, String checkId) {
        HealthCheck c = tx.checks.get(node, checkId);
        if (c == null) {
            return;
        }
        SessionWrites.invalidateCheck(tx, node, checkId);
        tx.checks = tx.checks.remove(node, checkId, tx.index);
        checkChanged(tx, node, c);
    }

    /** A check was written or removed: wake its node's check watchers and every service view it appears in. */
    private static void checkChanged(Txn tx, String node, HealthCheck c) {
        tx.topics.add(Topics.CHECKS);
        tx.topics.add(Topics.nodeChecks(node));
        if (isEmpty(c.serviceId())) {
            touchServicesOfNode(tx, node);
        } else {
            touchService(tx, c.serviceName());
        }
    }

    /** Node-level changes show in the health of every service on the node. */
    private static void touchServicesOfNode(Txn tx, String node) {
        for (NodeService s : Keys.valuesWithPrefix(tx.services.rows(), Keys.prefix(node))) {
            touchService(tx, s.service());
        }
    }

    private static void touchService(Txn tx, String name) {
        tx.services = tx.services.touchName(name, tx.index);
        tx.topics.add(Topics.service(name));
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
}
