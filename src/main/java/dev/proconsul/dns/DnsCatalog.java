package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import java.util.List;
import java.util.Optional;

/**
 * The catalog reads the DNS interface answers from, in the local datacenter. Implementations decide consistency
 * (DNS reads are stale by default, as in Consul). Results are unfiltered by health; the resolver filters.
 */
public interface DnsCatalog {
    /** {@link #version()} of a catalog whose reads must not be cached. */
    long UNVERSIONED = Long.MIN_VALUE;

    /**
     * A stamp that differs whenever anything these reads return may have changed (compare for equality only), or
     * {@link #UNVERSIONED} when reads must not be cached right now (e.g. they would go to the leader).
     */
    default long version() {
        return UNVERSIONED;
    }

    Optional<Node> node(String name);

    List<Node> nodes();

    /** Instances of {@code service} carrying {@code tag} (case-insensitive; null = any), with their checks. */
    List<CheckServiceNode> serviceInstances(String service, String tag);

    /** Connect-capable endpoints of {@code service}: sidecar proxies whose destination it is, and native instances. */
    List<CheckServiceNode> connectInstances(String service);

    /** Every registered service name. */
    List<String> serviceNames();

    /**
     * Executes prepared query {@code idOrName} (its ID, or a name: templates are rendered for it) for the agent
     * {@code agentNode} ({@code Near: "_agent"}); empty when no query matches. The instances come filtered by the
     * query's health rules and ordered as the query orders them.
     */
    Optional<QueryResults> preparedQuery(String idOrName, String agentNode);

    /**
     * A prepared query's results.
     *
     * @param ttl the query's DNS TTL (a Go duration), "" to use the service's configured TTL
     */
    record QueryResults(String service, List<CheckServiceNode> nodes, String ttl) {
    }
}
