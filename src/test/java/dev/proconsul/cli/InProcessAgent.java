package dev.proconsul.cli;

import dev.proconsul.agent.LocalAgent;
import dev.proconsul.http.HandlerGroup;
import dev.proconsul.http.HttpApiServer;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.Member;
import java.util.List;
import java.util.Map;

/** A real HTTP API (Jetty, state store, single direct Raft node) on a free port, for CLI tests in-process. */
final class InProcessAgent implements LocalAgent, AutoCloseable {
    private final Server server = Server.builder(new DirectRaftNode(new StateStore(), "127.0.0.1:8300")).build();
    private final HttpApiServer http;

    InProcessAgent() throws Exception {
        this(new HandlerGroup[0]);
    }

    /** With extra endpoint groups, e.g. the agent's local services for the services and maint commands. */
    InProcessAgent(HandlerGroup... extra) throws Exception {
        this(b -> { }, extra);
    }

    /** With listener settings of the test's own, e.g. a unix socket beside the TCP port. */
    static InProcessAgent withListeners(java.util.function.Consumer<HttpApiServer.Builder> listeners)
            throws Exception {
        return new InProcessAgent(listeners, new HandlerGroup[0]);
    }

    private InProcessAgent(java.util.function.Consumer<HttpApiServer.Builder> listeners, HandlerGroup[] extra)
            throws Exception {
        HttpApiServer.Builder b = HttpApiServer.builder().agent(this).endpoints(server).bindAddress("127.0.0.1").port(0);
        listeners.accept(b);
        for (HandlerGroup g : extra) {
            b.handlerGroup(g);
        }
        http = b.build();
        http.start();
    }

    /** CONSUL_HTTP_ADDR for the CLI. */
    Map<String, String> env() {
        return Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:" + http.boundPort());
    }

    @Override
    public void close() throws Exception {
        http.stop();
        server.close();
    }

    @Override
    public String nodeName() {
        return "cli-node";
    }

    @Override
    public String nodeId() {
        return "6b1f3c1e-0000-4000-8000-000000000001";
    }

    @Override
    public String datacenter() {
        return "dc1";
    }

    @Override
    public String version() {
        return "1.22.0";
    }

    @Override
    public boolean isServer() {
        return true;
    }

    @Override
    public Member self() {
        return new Member("cli-node", "127.0.0.1", 8301, Map.of("role", "consul", "dc", "dc1"), 1, 1, 5, 2, 2, 5, 4);
    }

    @Override
    public List<Member> lanMembers() {
        return List.of(self());
    }

    @Override
    public Map<String, Object> selfConfig() {
        return Map.of("Datacenter", "dc1", "NodeName", "cli-node");
    }

    @Override
    public Map<String, Object> debugConfig() {
        return Map.of();
    }

    @Override
    public Map<String, String> nodeMeta() {
        return Map.of();
    }

    @Override
    public void leave() {
    }
}
