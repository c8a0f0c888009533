package dev.proconsul.http;

import dev.proconsul.agent.DebugConfig;
import dev.proconsul.agent.LocalAgent;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.structs.Member;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A LocalAgent for HTTP tests: one server node "node1" in dc1 (its server endpoints are given to the HTTP server separately). */
final class FakeAgent implements LocalAgent {
    final AtomicInteger leaves = new AtomicInteger();
    private final boolean server;

    FakeAgent(boolean server) {
        this.server = server;
    }

    @Override
    public String nodeName() {
        return "node1";
    }

    @Override
    public String nodeId() {
        return "2f0a5d6b-2c1e-4b0f-8f7a-1c1d1e1f2a3b";
    }

    @Override
    public String datacenter() {
        return "dc1";
    }

    @Override
    public String version() {
        return "1.21.5";
    }

    @Override
    public boolean isServer() {
        return server;
    }

    @Override
    public Member self() {
        return new Member("node1", "127.0.0.1", 8301, tags("consul"), 1, 1, 5, 2, 2, 5, 4);
    }

    @Override
    public List<Member> lanMembers() {
        return List.of(self(), new Member("node2", "127.0.0.2", 8301, tags("node"), 1, 1, 5, 2, 2, 5, 4));
    }

    /** Sorted, as Go prints a map, and so the same in every run (golden files compare the JSON byte for byte). */
    private static Map<String, String> tags(String role) {
        return new TreeMap<>(Map.of("role", role, "dc", "dc1"));
    }

    @Override
    public Map<String, Object> selfConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Datacenter", "dc1");
        c.put("NodeName", "node1");
        return c;
    }

    @Override
    public Map<String, Object> debugConfig() {
        // The real DebugConfig of a -dev agent with node meta and a secret, so golden files pin its shape.
        try {
            AgentConfig c = ConfigLoader.load(true, List.of(), List.of(), Map.of("node_name", "node1",
                    "node_meta", Map.of("env", "test"), "encrypt", "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=",
                    "retry_join", List.of("provider=aws tag_key=consul secret_access_key=abc")));
            return DebugConfig.of(c, "127.0.0.1", nodeId(), Map.of("http", 8500, "dns", 8600, "serf_lan", 8301,
                    "serf_wan", 8302, "server", 8300));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> nodeMeta() {
        return Map.of("env", "test");
    }

    @Override
    public void leave() {
        leaves.incrementAndGet();
    }
}
