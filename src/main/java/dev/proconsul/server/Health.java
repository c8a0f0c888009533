package dev.proconsul.server;

import dev.proconsul.filter.ResultFilter;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.HealthEndpoint;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Consul's Health endpoint: checks by node, service and state, and service instances with their checks. */
public final class Health implements HealthEndpoint {
    /** The states /v1/health/state/:state accepts ("any" plus every check status). */
    public static final Set<String> QUERYABLE_STATES = Set.of("any", HealthCheck.PASSING, HealthCheck.WARNING,
            HealthCheck.CRITICAL, HealthCheck.MAINTENANCE);

    private final StateStore state;
    private final QueryRunner queries;

    public Health(StateStore state, QueryRunner queries) {
        this.state = state;
        this.queries = queries;
    }

    public QueryResult<List<HealthCheck>> nodeChecks(String node, QueryOptions opts) {
        Catalog.requireName(node, "Missing node name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<HealthCheck>> r = state.nodeChecks(node, ws);
            return new Indexed<>(r.index(), filter.apply(withEmptyTags(Catalog.nullToEmpty(r.value()))));
        });
    }

    public QueryResult<List<HealthCheck>> serviceChecks(String service, QueryOptions opts,
                                                        Map<String, String> nodeMeta) {
        Catalog.requireName(service, "Missing service name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<HealthCheck>> r = state.serviceChecks(service, ws);
            List<HealthCheck> checks = byNodeMeta(Catalog.nullToEmpty(r.value()), nodeMeta, ws);
            return new Indexed<>(r.index(), filter.apply(withEmptyTags(checks)));
        });
    }

    public QueryResult<List<HealthCheck>> checksInState(String checkState, QueryOptions opts,
                                                        Map<String, String> nodeMeta) {
        if (checkState == null || checkState.isEmpty()) {
            throw EndpointException.badRequest("Missing check state");
        }
        if (!QUERYABLE_STATES.contains(checkState)) {
            throw EndpointException.badRequest("Invalid check state: \"" + checkState
                    + "\" (must be any, passing, warning, critical or maintenance)");
        }
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<HealthCheck>> r = state.checksInState(checkState, ws);
            List<HealthCheck> checks = byNodeMeta(Catalog.nullToEmpty(r.value()), nodeMeta, ws);
            return new Indexed<>(r.index(), filter.apply(withEmptyTags(checks)));
        });
    }

    /**
     * Instances of {@code service} with their node and checks. {@code tags}: every one must be on the instance;
     * {@code passingOnly}: drop instances with any non-passing check.
     */
    public QueryResult<List<CheckServiceNode>> serviceNodes(String service, List<String> tags, boolean passingOnly,
                                                            QueryOptions opts, Map<String, String> nodeMeta) {
        return instances(service, tags, passingOnly, opts, nodeMeta, ws -> state.checkServiceNodes(service, ws));
    }

    /** As {@link #serviceNodes}, over the Connect-capable instances of {@code service} (Consul's ?connect). */
    public QueryResult<List<CheckServiceNode>> connectServiceNodes(String service, List<String> tags,
                                                                   boolean passingOnly, QueryOptions opts,
                                                                   Map<String, String> nodeMeta) {
        return instances(service, tags, passingOnly, opts, nodeMeta, ws -> connectCapable(service, ws));
    }

    private QueryResult<List<CheckServiceNode>> instances(
            String service, List<String> tags, boolean passingOnly, QueryOptions opts, Map<String, String> nodeMeta,
            java.util.function.Function<dev.proconsul.state.WatchSet, Indexed<List<CheckServiceNode>>> source) {
        Catalog.requireName(service, "Missing service name");
        ResultFilter filter = ResultFilter.compile(opts);
        return queries.run(opts, ws -> {
            Indexed<List<CheckServiceNode>> r = source.apply(ws);
            List<CheckServiceNode> out = new ArrayList<>();
            for (CheckServiceNode csn : Catalog.nullToEmpty(r.value())) {
                if (!Catalog.hasAllTags(csn.service(), tags) || !NodeMetaFilter.matches(csn.node(), nodeMeta)) {
                    continue;
                }
                List<HealthCheck> checks = withEmptyTags(Catalog.nullToEmpty(csn.checks()));
                if (passingOnly && !allPassing(checks)) {
                    continue;
                }
                NodeService svc = csn.service() == null ? null : Catalog.withEmptyTags(csn.service());
                out.add(new CheckServiceNode(csn.node(), svc, checks));
            }
            return new Indexed<>(r.index(), filter.apply(out));
        });
    }

    /**
     * Connect-capable endpoints of {@code service}, unfiltered by health: sidecar proxies whose destination it is
     * and its Connect-native instances (Consul's CheckConnectServiceNodes).
     */
    public QueryResult<List<CheckServiceNode>> connectServiceNodes(String service, QueryOptions opts) {
        Catalog.requireName(service, "Missing service name");
        return queries.run(opts, ws -> {
            Indexed<List<CheckServiceNode>> r = connectCapable(service, ws);
            List<CheckServiceNode> out = new ArrayList<>();
            for (CheckServiceNode csn : r.value()) {
                out.add(new CheckServiceNode(csn.node(), Catalog.withEmptyTags(csn.service()),
                        withEmptyTags(Catalog.nullToEmpty(csn.checks()))));
            }
            return new Indexed<>(r.index(), out);
        });
    }

    /** Every instance that serves Connect for {@code service}, watching each service it looked at. */
    private Indexed<List<CheckServiceNode>> connectCapable(String service, dev.proconsul.state.WatchSet ws) {
        return ConnectCapable.across(state.services(ws), service, name -> state.checkServiceNodes(name, ws),
                CheckServiceNode::service);
    }

    private static boolean allPassing(List<HealthCheck> checks) {
        for (HealthCheck c : checks) {
            if (!HealthCheck.PASSING.equals(c.status())) {
                return false;
            }
        }
        return true;
    }

    /** Keeps checks whose node carries the wanted meta; looks each node up once (and watches it). */
    private List<HealthCheck> byNodeMeta(List<HealthCheck> checks, Map<String, String> nodeMeta,
                                         dev.proconsul.state.WatchSet ws) {
        if (nodeMeta == null || nodeMeta.isEmpty()) {
            return checks;
        }
        Map<String, Boolean> matches = new HashMap<>();
        List<HealthCheck> out = new ArrayList<>();
        for (HealthCheck c : checks) {
            boolean ok = matches.computeIfAbsent(c.node(), n -> {
                Node node = state.node(n, ws).value();
                return NodeMetaFilter.matches(node, nodeMeta);
            });
            if (ok) {
                out.add(c);
            }
        }
        return out;
    }

    /** Consul never returns null ServiceTags in check lists; it sends []. */
    private static List<HealthCheck> withEmptyTags(List<HealthCheck> checks) {
        List<HealthCheck> out = new ArrayList<>(checks.size());
        for (HealthCheck c : checks) {
            out.add(c.serviceTags() != null ? c : new HealthCheck(c.node(), c.checkId(), c.name(), c.status(),
                    c.notes(), c.output(), c.serviceId(), c.serviceName(), List.of(), c.type(), c.interval(),
                    c.timeout(), c.definition(), c.createIndex(), c.modifyIndex()));
        }
        return out;
    }
}
