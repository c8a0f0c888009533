package dev.proconsul.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code operator autopilot}: view and change the autopilot configuration, view its state. */
@Command(name = "autopilot", subcommands = {OperatorAutopilotGetCommand.class, OperatorAutopilotSetCommand.class,
        OperatorAutopilotStateCommand.class})
final class OperatorAutopilotCommand extends CommandGroup {
    static final String SYNOPSIS = "Provides tools for modifying Autopilot configuration";

    OperatorAutopilotCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    String usage() {
        return "proconsul operator autopilot <subcommand> [options]";
    }

    @Override
    String description() {
        return """
                  The Autopilot operator command is used to interact with Consul's Autopilot
                  subsystem. The command can be used to view or modify the current configuration.""";
    }

    @Override
    Map<String, String> synopses() {
        return Map.of("get-config", OperatorAutopilotGetCommand.SYNOPSIS,
                "set-config", OperatorAutopilotSetCommand.SYNOPSIS,
                "state", OperatorAutopilotStateCommand.SYNOPSIS);
    }
}
