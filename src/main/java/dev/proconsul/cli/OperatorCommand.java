package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code operator}: cluster-level tools (Raft, autopilot). */
@Command(name = "operator", subcommands = {OperatorRaftCommand.class, OperatorAutopilotCommand.class})
final class OperatorCommand extends CommandGroup {
    static final String SYNOPSIS = "Provides cluster-level tools for Consul operators";

    OperatorCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul operator <subcommand> [options]";
    }

    @Override
    String description() {
        return """
                  Provides cluster-level tools for Consul operators, such as interacting with
                  the Raft subsystem. NOTE: Use this command with extreme caution, as improper
                  use could lead to a Consul outage and even loss of data.

                  If ACLs are enabled then a token with operator privileges may be required in
                  order to use this command. Requests are forwarded internally to the leader
                  if required, so this can be run from any Consul node in a cluster.

                  Run proconsul operator <subcommand> with no arguments for help on that
                  subcommand.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("raft", OperatorRaftCommand.SYNOPSIS, "autopilot", OperatorAutopilotCommand.SYNOPSIS);
    }
}
