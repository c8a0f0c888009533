package dev.proconsul.launch;

import dev.proconsul.agent.Agent;
import dev.proconsul.agent.CoordinateSync;
import dev.proconsul.gossip.coordinate.CoordinateClient;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.server.CommandWriter;
import dev.proconsul.server.Coordinates;
import dev.proconsul.server.QueryRunner;
import java.util.Optional;

/**
 * Wires the agent's own network coordinate: the LAN pool's Vivaldi client (a lone node keeps the origin coordinate,
 * as Consul reports it), and the loop that sends it to the coordinate endpoint of the server this agent runs.
 */
final class AgentCoordinates implements AutoCloseable {
    private final CoordinateClient client;
    private final Coordinates endpoint;
    private final CoordinateSync sync;

    private AgentCoordinates(CoordinateClient client, Coordinates endpoint, CoordinateSync sync) {
        this.client = client;
        this.endpoint = endpoint;
        this.sync = sync;
    }

    /**
     * @param client the LAN pool's Vivaldi client, fed by Serf's probe acks
     * @return null on a client agent: it has no server to send to until RPC forwarding arrives
     */
    static AgentCoordinates start(Agent agent, MetricsRegistry metrics, CoordinateClient client) {
        RaftNode raft = agent.raft();
        if (raft == null) {
            return null;
        }
        Coordinates endpoint = new Coordinates(raft.state(), new QueryRunner(raft, agent.datacenter()),
                new CommandWriter(raft, metrics), raft::isLeader);
        CoordinateSync sync = new CoordinateSync(() -> Optional.of(client.coordinate()), endpoint::update,
                agent.datacenter(), agent.nodeName(), () -> agent.lanMembers().size());
        sync.start();
        return new AgentCoordinates(client, endpoint, sync);
    }

    CoordinateClient client() {
        return client;
    }

    @Override
    public void close() {
        sync.close();
        endpoint.close();
    }
}
