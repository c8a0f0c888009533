package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code operator raft}: the Raft subsystem (only {@code list-peers} so far). */
@Command(name = "raft", subcommands = {OperatorRaftListPeersCommand.class})
final class OperatorRaftCommand extends CommandGroup {
    // Consul's own synopsis for this group repeats the operator command's.
    static final String SYNOPSIS = "Provides cluster-level tools for Consul operators";

    OperatorRaftCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul operator raft <subcommand> [options]";
    }

    @Override
    String description() {
        return """
                  The Raft operator command is used to interact with Consul's Raft subsystem. The
                  command can be used to verify Raft peers or in rare cases to recover quorum by
                  removing invalid peers.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("list-peers", OperatorRaftListPeersCommand.SYNOPSIS);
    }
}
