package dev.proconsul.launch;

import dev.proconsul.agent.Agent;
import dev.proconsul.agent.CoordinateSync;
import dev.proconsul.endpoint.CoordinateEndpoint;
import dev.proconsul.gossip.coordinate.CoordinateClient;
import java.util.Optional;

/**
 * Wires the agent's own network coordinate: the LAN pool's Vivaldi client (a lone node keeps the origin coordinate,
 * as Consul reports it), and the loop that sends it to the coordinate endpoint of the server this agent runs.
 */
final class AgentCoordinates implements AutoCloseable {
    private final CoordinateClient client;
    private final CoordinateSync sync;

    private AgentCoordinates(CoordinateClient client, CoordinateSync sync) {
        this.client = client;
        this.sync = sync;
    }

    /**
     * @param client the LAN pool's Vivaldi client, fed by Serf's probe acks
     * @return null on a client agent: it has no server to send to until RPC forwarding arrives
     */
    static AgentCoordinates start(Agent agent, CoordinateClient client) {
        if (!agent.isServer()) {
            return null;
        }
        CoordinateEndpoint endpoint = agent.endpoints().coordinate();
        CoordinateSync sync = new CoordinateSync(() -> Optional.of(client.coordinate()), endpoint::update,
                agent.datacenter(), agent.nodeName(), () -> agent.lanMembers().size());
        sync.start();
        return new AgentCoordinates(client, sync);
    }

    CoordinateClient client() {
        return client;
    }

    @Override
    public void close() {
        sync.close();
    }
}
