package dev.proconsul.agent;

import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import java.util.List;

/** What anti-entropy and remote alias checks need from the catalog: this node's rows, and writes. */
public interface CatalogAccess {
    /** Services registered on {@code node} in the catalog; null when the node itself is not registered. */
    List<NodeService> nodeServices(String node);

    /** Checks registered on {@code node}; empty when none or the node is unknown. */
    List<HealthCheck> nodeChecks(String node);

    void register(RegisterRequest request);

    void deregister(DeregisterRequest request);
}
