package dev.proconsul.http;

import dev.proconsul.agent.LocalAgent;
import dev.proconsul.endpoint.ReplicaStatus;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.filter.ResultFilter;
import dev.proconsul.structs.Member;
import dev.proconsul.structs.Versions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /v1/agent/self, members, version, host and leave. Local services and checks belong to the agent's own group. */
final class AgentHandler implements HandlerGroup {
    private final LocalAgent agent;
    private final ReplicaStatus replica;

    /** @param replica the local server's replica, for the consul and raft stats of a server agent */
    AgentHandler(LocalAgent agent, ReplicaStatus replica) {
        this.agent = agent;
        this.replica = replica;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/agent/self", req -> Reply.json(self()));
        routes.get("/v1/agent/members", this::members);
        routes.get("/v1/agent/version", req -> Reply.json(version()));
        routes.get("/v1/agent/host", req -> Reply.json(HostInfo.collect()));
        // Leaving stops the HTTP server: only once the answer is out, or the caller sees a dropped connection.
        routes.add("/v1/agent/leave", Set.of("PUT"), req -> Reply.empty(200).afterSent(agent::leave));
    }

    private Map<String, Object> self() {
        Map<String, Object> out = new JsonStruct();
        out.put("Config", config());
        out.put("DebugConfig", agent.debugConfig() == null ? Map.of() : agent.debugConfig());
        out.put("Coord", defaultCoordinate());
        out.put("Member", agent.self());
        out.put("Meta", agent.nodeMeta() == null ? Map.of() : agent.nodeMeta());
        out.put("Stats", stats());
        // Consul adds "xDS" (SupportedProxies, Port, Ports) only when its xDS server runs; none does yet.
        return out;
    }

    /** Consul's documented Config keys with values from the agent; whatever the agent supplies wins. */
    private Map<String, Object> config() {
        Map<String, Object> c = new JsonStruct();
        c.put("Datacenter", agent.datacenter());
        c.put("PrimaryDatacenter", agent.datacenter());
        c.put("NodeName", agent.nodeName());
        c.put("NodeID", agent.nodeId());
        c.put("Partition", "");
        c.put("Revision", "");
        c.put("Server", agent.isServer());
        c.put("Version", agent.version());
        c.put("BuildDate", "1970-01-01T00:00:01Z");
        if (agent.selfConfig() != null) {
            c.putAll(agent.selfConfig());
        }
        return c;
    }

    /** The origin coordinate Consul reports before any RTT samples (Vivaldi, 8 dimensions). */
    private static Coordinate defaultCoordinate() {
        return Coordinate.origin();
    }

    /** Consul reports every stat as a string; Stats is a Go map of maps, so it prints sorted. */
    private Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<String, String> agentStats = new LinkedHashMap<>();
        agentStats.put("check_monitors", "0");
        agentStats.put("check_ttls", "0");
        agentStats.put("checks", "0");
        agentStats.put("services", "0");
        stats.put("agent", agentStats);
        Map<String, String> build = new LinkedHashMap<>();
        build.put("prerelease", "");
        build.put("revision", "");
        build.put("version", agent.version());
        build.put("version_metadata", "");
        stats.put("build", build);
        Map<String, String> runtime = new LinkedHashMap<>();
        runtime.put("arch", System.getProperty("os.arch", ""));
        runtime.put("cpu_count", Integer.toString(Runtime.getRuntime().availableProcessors()));
        runtime.put("goroutines", Integer.toString(ManagementFactory.getThreadMXBean().getThreadCount()));
        runtime.put("max_procs", Integer.toString(Runtime.getRuntime().availableProcessors()));
        runtime.put("os", System.getProperty("os.name", "").toLowerCase());
        runtime.put("version", "java" + Runtime.version());
        stats.put("runtime", runtime);
        if (agent.isServer()) {
            boolean leader = replica.isLeader();
            Map<String, String> consul = new LinkedHashMap<>();
            consul.put("server", "true");
            consul.put("leader", Boolean.toString(leader));
            consul.put("leader_addr", replica.leaderAddress().orElse(""));
            consul.put("known_datacenters", "1");
            stats.put("consul", consul);
            Map<String, String> raft = new LinkedHashMap<>();
            raft.put("state", leader ? "Leader" : "Follower");
            raft.put("applied_index", Long.toString(replica.appliedIndex()));
            raft.put("num_peers", Integer.toString(Math.max(0, replica.voters() - 1)));
            stats.put("raft", raft);
        }
        return stats;
    }

    private Map<String, Object> version() {
        Map<String, Object> v = new JsonStruct();
        v.put("SHA", "");
        v.put("BuildDate", "1970-01-01T00:00:01Z");
        v.put("HumanVersion", agent.version());
        v.put("FIPS", "");
        v.put("Proconsul", Versions.PROCONSUL);
        return v;
    }

    /** LAN members, or with {@code ?wan} the WAN pool (on a server: itself as node.dc; clients have none). */
    private Reply members(ApiRequest req) {
        QueryOptions opts = QueryParams.queryOptions(req);
        ResultFilter filter = ResultFilter.compile(opts);
        List<Member> members;
        if (QueryParams.flag(req, "wan", "Invalid value for ?wan")) {
            members = new ArrayList<>();
            if (agent.isServer()) {
                Member me = agent.self();
                members.add(new Member(me.name() + "." + agent.datacenter(), me.addr(), me.port(), me.tags(),
                        me.status(), me.protocolMin(), me.protocolMax(), me.protocolCur(), me.delegateMin(),
                        me.delegateMax(), me.delegateCur()));
            }
        } else {
            members = agent.lanMembers() == null ? List.of() : agent.lanMembers();
        }
        String segment = req.param("segment");
        if (segment != null && !segment.isEmpty() && !segment.equals("_all")) {
            List<Member> inSegment = new ArrayList<>();
            for (Member m : members) {
                String s = m.tags() == null ? "" : m.tags().getOrDefault("segment", "");
                if (s.equals(segment)) {
                    inSegment.add(m);
                }
            }
            members = inSegment;
        }
        return Reply.json(filter.apply(members));
    }
}
