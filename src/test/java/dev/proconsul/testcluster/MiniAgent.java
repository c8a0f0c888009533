package dev.proconsul.testcluster;

import dev.proconsul.agent.Agent;
import dev.proconsul.agent.RaftFormation;
import dev.proconsul.api.ConsulClient;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.launch.AgentMain.RunningAgent;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.server.Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One agent of a {@link MiniCluster}: a server or a client, started as {@code proconsul agent} starts one
 * ({@link RunningAgent}: HTTP, DNS, gossip, coordinate sync) from the configuration the cluster wrote for it. Its
 * ports (HTTP, Serf LAN, server RPC) and data directory stay the same across {@link MiniCluster#restart restarts},
 * so its address and {@link #api()} client do too; DNS takes a free port on each start.
 */
public final class MiniAgent {
    private static final String HOST = "127.0.0.1";

    private final String name;
    private final String nodeId;
    private final boolean server;
    private final Path dataDir;
    private final Ports ports;
    private final ConsulClient api;
    private volatile RunningAgent running;
    private volatile Agent agent;

    /** The ports picked free when the cluster was built; kept for the agent's life. */
    record Ports(int http, int serfLan, int server) {
    }

    MiniAgent(String name, String nodeId, boolean server, Path dataDir, Ports ports) {
        this.name = name;
        this.nodeId = nodeId;
        this.server = server;
        this.dataDir = dataDir;
        this.ports = ports;
        this.api = ConsulClient.builder(Map.of()).address(httpAddress()).build();
    }

    /** Builds and starts the agent; returns once it is up (a server: Raft started, not necessarily elected). */
    void start(Map<String, Object> config, RaftFormation formation) throws Exception {
        Agent a = new Agent(ConfigLoader.load(false, List.of(), List.of(), config));
        a.raftFormation(formation);
        RunningAgent r = RunningAgent.prepare(a, new MetricsRegistry());
        try {
            r.start();
        } catch (Exception e) {
            r.stop();
            throw e;
        }
        agent = a;
        running = r;
    }

    /** Stops the agent as a crash looks to the others (no leave); its data directory stays. */
    void stop() {
        RunningAgent r = running;
        running = null;
        agent = null;
        if (r != null) {
            r.stop();
        }
    }

    void closeClient() {
        api.close();
    }

    public String name() {
        return name;
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean isServer() {
        return server;
    }

    public boolean isRunning() {
        return running != null;
    }

    /** "127.0.0.1:port" of the HTTP API. */
    public String httpAddress() {
        return HOST + ":" + ports.http();
    }

    /** A client of this agent's HTTP API (closed with the cluster). */
    public ConsulClient api() {
        return api;
    }

    /** The bound DNS port while running. */
    public int dnsPort() {
        return requireRunning().dnsPort();
    }

    /** "127.0.0.1:port" of the Serf LAN pool, what other agents join. */
    public String lanAddress() {
        return HOST + ":" + ports.serfLan();
    }

    /** "127.0.0.1:port" of server RPC (Raft): how /v1/status/leader and /v1/status/peers name this server. */
    public String serverAddress() {
        return HOST + ":" + ports.server();
    }

    Ports ports() {
        return ports;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The running agent. */
    public Agent agent() {
        Agent a = agent;
        if (a == null) {
            throw new IllegalStateException("agent " + name + " is not running");
        }
        return a;
    }

    /** A server agent's {@link Server} (the one its HTTP and DNS use), for server-level assertions. */
    public Server server() {
        if (!(agent().endpoints() instanceof Server s)) {
            throw new IllegalStateException(name + " is a client agent");
        }
        return s;
    }

    /** Whether this is a running server that leads and has established its leader duties. */
    public boolean isReadyLeader() {
        Agent a = agent;
        return a != null && a.endpoints() instanceof Server s && s.isReady();
    }

    private RunningAgent requireRunning() {
        RunningAgent r = running;
        if (r == null) {
            throw new IllegalStateException("agent " + name + " is not running");
        }
        return r;
    }

    @Override
    public String toString() {
        return name + (server ? " (server " : " (client ") + httpAddress() + ")";
    }
}
