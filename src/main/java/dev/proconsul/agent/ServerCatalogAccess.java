package dev.proconsul.agent;

import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.CatalogNodeServiceList;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.RegisterRequest;
import java.util.List;

/** The catalog of the server this agent runs in, through its endpoints (the Raft write path). */
public final class ServerCatalogAccess implements CatalogAccess {
    private final Endpoints endpoints;

    public ServerCatalogAccess(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public List<NodeService> nodeServices(String node) {
        CatalogNodeServiceList l = endpoints.catalog().nodeServiceList(node, QueryOptions.defaults()).value();
        return l == null ? null : l.services();
    }

    @Override
    public List<HealthCheck> nodeChecks(String node) {
        List<HealthCheck> l = endpoints.health().nodeChecks(node, QueryOptions.defaults()).value();
        return l == null ? List.of() : l;
    }

    @Override
    public void register(RegisterRequest request) {
        endpoints.catalog().register(request);
    }

    @Override
    public void deregister(DeregisterRequest request) {
        endpoints.catalog().deregister(request);
    }
}
