package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.RaftConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code operator raft list-peers}: Consul 1.21's peer table, with each peer's commit index and lag. */
@Command(name = "list-peers", customSynopsis = "proconsul operator raft list-peers [options]",
        description = "Displays the current Raft peer configuration.")
final class OperatorRaftListPeersCommand extends ClientCommand {
    static final String SYNOPSIS = "Display the current Raft peer configuration";

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>(); // ignored, as Consul does

    OperatorRaftListPeersCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        RaftConfiguration config;
        try (ConsulClient consul = client()) {
            config = consul.operator().raftConfiguration(http.query().build());
        } catch (ConsulException e) {
            return fail("Error getting peers: Failed to retrieve raft configuration: " + e.getMessage());
        }
        info(TextTables.columnize(rows(config.servers() == null ? List.of() : config.servers())));
        return 0;
    }

    /** Consul's raftListPeers: the lag is the leader's last index minus the peer's (unsigned, as Go's uint64). */
    static List<String> rows(List<RaftConfiguration.Server> servers) {
        Map<String, Long> lastIndex = new HashMap<>();
        servers.forEach(s -> lastIndex.put(s.id(), s.lastIndex()));
        long leaderIndex = 0;
        for (RaftConfiguration.Server s : servers) {
            if (s.leader()) {
                leaderIndex = lastIndex.get(s.id());
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add(String.join(TextTables.SEP, "Node", "ID", "Address", "State", "Voter", "RaftProtocol",
                "Commit Index", "Trails Leader By"));
        for (RaftConfiguration.Server s : servers) {
            String protocol = s.protocolVersion() == null || s.protocolVersion().isEmpty()
                    ? "<=1" : s.protocolVersion();
            long trails = leaderIndex - s.lastIndex();
            String trailsText = s.leader() ? "-"
                    : Long.toUnsignedString(trails) + (trails == 1 ? " commit" : " commits");
            rows.add(String.join(TextTables.SEP, s.node(), s.id(), s.address(), s.leader() ? "leader" : "follower",
                    String.valueOf(s.voter()), protocol, Long.toUnsignedString(s.lastIndex()), trailsText));
        }
        return rows;
    }
}
