package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import picocli.CommandLine.Command;

/** {@code reload}: makes the agent re-read its configuration files, as SIGHUP does. */
@Command(name = "reload", customSynopsis = "proconsul reload [options]",
        description = "Causes the agent to reload configurations. This can be used instead of sending the SIGHUP "
                + "signal to the agent.")
final class ReloadCommand extends AgentActionCommand {
    static final String SYNOPSIS = "Triggers the agent to reload configuration files";

    ReloadCommand(CliContext ctx) {
        super(ctx, "Error reloading: ", "Configuration reload triggered");
    }

    @Override
    void act(ConsulClient consul) {
        consul.agent().reload();
    }
}
