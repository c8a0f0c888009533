package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import java.util.List;
import java.util.Optional;

/** The catalog of an agent that cannot reach any server yet: every read fails, so queries get SERVFAIL. */
final class NoServersCatalog implements DnsCatalog {
    private static IllegalStateException unavailable() {
        return new IllegalStateException("No known Consul servers");
    }

    @Override
    public Optional<Node> node(String name) {
        throw unavailable();
    }

    @Override
    public List<Node> nodes() {
        throw unavailable();
    }

    @Override
    public List<CheckServiceNode> serviceInstances(String service, String tag) {
        throw unavailable();
    }

    @Override
    public List<CheckServiceNode> connectInstances(String service) {
        throw unavailable();
    }

    @Override
    public List<String> serviceNames() {
        throw unavailable();
    }

    @Override
    public Optional<QueryResults> preparedQuery(String idOrName, String agentNode) {
        throw unavailable();
    }
}
