package dev.proconsul.server;

import dev.proconsul.endpoint.OperatorEndpoint;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotHealth;
import dev.proconsul.structs.AutopilotSetConfigRequest;
import dev.proconsul.structs.AutopilotState;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.structs.RaftConfiguration;
import dev.proconsul.structs.ServiceNode;
import dev.proconsul.structs.Versions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consul's Operator endpoint on one server. Peers come from the Raft configuration; each is named by the catalog's
 * "consul" service instance at its address (what every server registers). Health is this server's own view: the
 * voters it cannot see are reported as not healthy until server RPC brings their stats.
 */
public final class Operator implements OperatorEndpoint {
    private static final String CONSUL_SERVICE = "consul";

    private final RaftNode raft;
    private final QueryRunner queries;
    private final CommandWriter writer;
    private final Instant started = Instant.now();

    Operator(RaftNode raft, QueryRunner queries, CommandWriter writer) {
        this.raft = raft;
        this.queries = queries;
        this.writer = writer;
    }

    /** One voter as this server sees it. */
    private record Peer(String id, String node, String address, boolean leader, boolean known) {
    }

    private List<Peer> peers() {
        String leader = raft.leaderAddress().orElse("");
        List<ServiceNode> servers = raft.state().serviceNodes(CONSUL_SERVICE, null).value();
        List<Peer> out = new ArrayList<>();
        for (String address : raft.peers()) {
            Peer p = new Peer(address, address, address, address.equals(leader), false);
            for (ServiceNode sn : servers) {
                String ip = sn.service().address() == null || sn.service().address().isEmpty()
                        ? sn.node().address() : sn.service().address();
                if ((ip + ":" + sn.service().port()).equals(address)) {
                    p = new Peer(sn.node().id(), sn.node().node(), address, p.leader(), true);
                }
            }
            out.add(p);
        }
        return out;
    }

    @Override
    public RaftConfiguration raftConfiguration(String datacenter) {
        queries.checkDatacenter(datacenter);
        requireLeader();
        long lastIndex = raft.state().lastIndex();
        List<RaftConfiguration.Server> servers = new ArrayList<>();
        for (Peer p : peers()) {
            servers.add(new RaftConfiguration.Server(p.id(), p.node(), p.address(), p.leader(), "3", true,
                    p.leader() ? lastIndex : 0));
        }
        return new RaftConfiguration(servers, Math.max(1, raft.configurationIndex()));
    }

    @Override
    public AutopilotConfig autopilotConfiguration(String datacenter) {
        queries.checkDatacenter(datacenter);
        requireLeader();
        AutopilotConfig stored = raft.state().autopilotConfig(null).value();
        return stored != null ? stored : AutopilotConfig.DEFAULTS;
    }

    @Override
    public boolean setAutopilotConfiguration(String datacenter, AutopilotConfig config, boolean cas) {
        queries.checkDatacenter(datacenter);
        ApplyResult r = writer.apply(new AutopilotSetConfigRequest(config, cas), "consul.autopilot.apply");
        return r.value() instanceof ApplyResult.Flag f && f.ok();
    }

    @Override
    public AutopilotHealth autopilotHealth(String datacenter) {
        queries.checkDatacenter(datacenter);
        requireLeader();
        List<AutopilotHealth.Server> servers = new ArrayList<>();
        int healthy = 0;
        for (Peer p : peers()) {
            boolean ok = p.leader(); // other voters' stats arrive with server RPC
            healthy += ok ? 1 : 0;
            servers.add(new AutopilotHealth.Server(p.id(), p.node(), p.address(), "alive",
                    Versions.CONSUL_COMPATIBLE, p.leader(), "0s", raft.currentTerm(), raft.state().lastIndex(), ok,
                    true, started.toString()));
        }
        return new AutopilotHealth(healthy == servers.size(), failureTolerance(servers.size(), healthy), servers);
    }

    @Override
    public AutopilotState autopilotState(String datacenter) {
        queries.checkDatacenter(datacenter);
        requireLeader();
        Map<String, AutopilotState.Server> servers = new LinkedHashMap<>();
        List<String> voters = new ArrayList<>();
        String leaderId = "";
        int healthy = 0;
        for (Peer p : peers()) {
            boolean ok = p.leader();
            healthy += ok ? 1 : 0;
            if (p.leader()) {
                leaderId = p.id();
            }
            voters.add(p.id());
            servers.put(p.id(), new AutopilotState.Server(p.id(), p.node(), p.address(), "alive",
                    Versions.CONSUL_COMPATIBLE, GoDuration.format(Duration.ZERO), raft.currentTerm(),
                    raft.state().lastIndex(), ok, started.toString(), false, p.leader() ? "leader" : "voter",
                    Map.of("consul-network-segment", "", "consul-version", Versions.CONSUL_COMPATIBLE), "voter"));
        }
        int tolerance = failureTolerance(servers.size(), healthy);
        return new AutopilotState(healthy == servers.size(), tolerance, tolerance, servers, leaderId, voters);
    }

    /** Consul's: how many healthy voters can fail before quorum is lost. */
    private static int failureTolerance(int voters, int healthy) {
        return Math.max(0, healthy - (voters / 2 + 1));
    }

    private void requireLeader() {
        if (raft.leaderAddress().isEmpty()) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
    }
}
