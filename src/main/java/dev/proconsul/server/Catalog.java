package dev.proconsul.server;

import dev.proconsul.filter.ResultFilter;
import dev.proconsul.structs.CatalogNodeServiceList;
import dev.proconsul.structs.CatalogNode;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.CatalogEndpoint;
import dev.proconsul.structs.CatalogServiceNode;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.NodeServices;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.ServiceNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Consul's Catalog endpoint: registration and the catalog reads. */
public final class Catalog implements CatalogEndpoint {
    private final StateStore state;
    private final QueryRunner queries;
    private final CommandWriter writer;

    public Catalog(StateStore state, QueryRunner queries, CommandWriter writer) {
        this.state = state;
        this.queries = queries;
        this.writer = writer;
    }

    /**
     * Registers a node and optionally a service and checks on it. The state store validates and fills Consul's
     * defaults (service ID = name, check status critical, ...); we only pin the datacenter.
     */
    public void register(RegisterRequest req) {
        queries.checkDatacenter(req.datacenter());
        RegisterRequest normalized = new RegisterRequest(queries.datacenter(), req.id(), req.node(), req.address(),
                req.taggedAddresses(), req.nodeMeta(), req.service(), req.check(), req.checks(), req.skipNodeUpdate());
        writer.apply(normalized, "consul.catalog.register");
    }

    /** Removes a node, or one of its services or checks. */
    public void deregister(DeregisterRequest req) {
        queries.checkDatacenter(req.datacenter());
        writer.apply(new DeregisterRequest(queries.datacenter(), req.node(), req.serviceId(), req.checkId()),
                "consul.catalog.deregister");
    }

    /** Known datacenters; only the local one until WAN federation arrives. */
    public List<String> datacenters() {
        return List.of(queries.datacenter());
    }

    public QueryResult<List<Node>> nodes(QueryOptions opts, Map<String, String> nodeMeta) {
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<Node>> r = state.nodes(ws);
            List<Node> out = new ArrayList<>();
            for (Node n : nullToEmpty(r.value())) {
                if (NodeMetaFilter.matches(n, nodeMeta)) {
                    out.add(n);
                }
            }
            return new Indexed<>(r.index(), filter.apply(out));
        });
    }

    /** Service name → union of its instances' tags. With a filter or node-meta, only matching instances count. */
    public QueryResult<Map<String, List<String>>> services(QueryOptions opts, Map<String, String> nodeMeta) {
        ResultFilter filter = ResultFilter.compile(opts);
        boolean byInstance = !filter.isNone() || (nodeMeta != null && !nodeMeta.isEmpty());
        return queries.run(opts, ws -> {
            Indexed<Map<String, List<String>>> r = state.services(ws);
            Map<String, List<String>> all = r.value() == null ? Map.of() : r.value();
            if (!byInstance) {
                return new Indexed<>(r.index(), new TreeMap<>(all));
            }
            Map<String, List<String>> out = new TreeMap<>();
            long index = r.index();
            for (String name : all.keySet()) {
                Indexed<List<ServiceNode>> sns = state.serviceNodes(name, ws);
                index = Math.max(index, sns.index());
                TreeSet<String> tags = null;
                for (ServiceNode sn : nullToEmpty(sns.value())) {
                    if (!NodeMetaFilter.matches(sn.node(), nodeMeta)
                            || !filter.matches(CatalogServiceNode.of(sn, queries.datacenter()))) {
                        continue;
                    }
                    if (tags == null) {
                        tags = new TreeSet<>();
                    }
                    if (sn.service().tags() != null) {
                        tags.addAll(sn.service().tags());
                    }
                }
                if (tags != null) {
                    out.put(name, new ArrayList<>(tags));
                }
            }
            return new Indexed<>(index, out);
        });
    }

    /** Instances of {@code service}, flattened; only those carrying every tag in {@code tags} (case-insensitive). */
    public QueryResult<List<CatalogServiceNode>> serviceNodes(String service, List<String> tags, QueryOptions opts,
                                                              Map<String, String> nodeMeta) {
        requireName(service, "Missing service name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<ServiceNode>> r = state.serviceNodes(service, ws);
            List<CatalogServiceNode> out = new ArrayList<>();
            for (ServiceNode sn : nullToEmpty(r.value())) {
                if (hasAllTags(sn.service(), tags) && NodeMetaFilter.matches(sn.node(), nodeMeta)) {
                    out.add(CatalogServiceNode.of(sn, queries.datacenter()));
                }
            }
            return new Indexed<>(r.index(), filter.apply(out));
        });
    }

    /** As {@link #serviceNodes}, over the Connect-capable instances of {@code service} (Consul's ?connect). */
    public QueryResult<List<CatalogServiceNode>> connectServiceNodes(String service, List<String> tags,
                                                                     QueryOptions opts,
                                                                     Map<String, String> nodeMeta) {
        requireName(service, "Missing service name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<ServiceNode>> r = ConnectCapable.across(state.services(ws), service,
                    name -> state.serviceNodes(name, ws), ServiceNode::service);
            List<CatalogServiceNode> out = new ArrayList<>();
            for (ServiceNode sn : r.value()) {
                if (hasAllTags(sn.service(), tags) && NodeMetaFilter.matches(sn.node(), nodeMeta)) {
                    out.add(CatalogServiceNode.of(sn, queries.datacenter()));
                }
            }
            return new Indexed<>(r.index(), filter.apply(out));
        });
    }

    /** The node with its services keyed by ID; a null value when the node is unknown (Consul answers null). */
    public QueryResult<CatalogNode> node(String node, QueryOptions opts) {
        requireName(node, "Missing node name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<NodeServices> r = state.nodeServices(node, ws);
            if (r.value() == null || r.value().node() == null) {
                return new Indexed<>(r.index(), null);
            }
            Map<String, NodeService> byId = new LinkedHashMap<>();
            for (NodeService s : filter.apply(nullToEmpty(r.value().services()))) {
                byId.put(s.id(), withEmptyTags(s));
            }
            return new Indexed<>(r.index(), new CatalogNode(r.value().node(), byId));
        });
    }

    /** The node with its services as a list; a null value when the node is unknown. */
    public QueryResult<CatalogNodeServiceList> nodeServiceList(String node, QueryOptions opts) {
        requireName(node, "Missing node name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<NodeServices> r = state.nodeServices(node, ws);
            if (r.value() == null || r.value().node() == null) {
                return new Indexed<>(r.index(), null);
            }
            List<NodeService> services = new ArrayList<>();
            for (NodeService s : filter.apply(nullToEmpty(r.value().services()))) {
                services.add(withEmptyTags(s));
            }
            return new Indexed<>(r.index(), new CatalogNodeServiceList(r.value().node(), services));
        });
    }

    static boolean hasAllTags(NodeService s, List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return true;
        }
        List<String> have = s.tags() == null ? List.of() : s.tags();
        for (String want : tags) {
            boolean found = false;
            for (String t : have) {
                if (t.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static void requireName(String name, String message) {
        if (name == null || name.isEmpty()) {
            throw EndpointException.badRequest(message);
        }
    }

    static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    static NodeService withEmptyTags(NodeService s) {
        if (s.tags() != null) {
            return s;
        }
        return s.withTags(List.of());
    }
}
