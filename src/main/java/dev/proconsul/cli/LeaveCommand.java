package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import picocli.CommandLine.Command;

/** {@code leave}: asks the agent to leave the cluster gracefully and shut down. */
@Command(name = "leave", customSynopsis = "proconsul leave [options]",
        description = "Causes the agent to gracefully leave the cluster and shut down.")
final class LeaveCommand extends AgentActionCommand {
    static final String SYNOPSIS = "Gracefully leaves the Consul cluster and shuts down";

    LeaveCommand(CliContext ctx) {
        super(ctx, "Error leaving: ", "Graceful leave complete");
    }

    @Override
    void act(ConsulClient consul) {
        consul.agent().leave();
    }
}
