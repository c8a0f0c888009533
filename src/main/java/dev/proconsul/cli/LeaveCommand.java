package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code leave}: asks the agent to leave the cluster gracefully and shut down. */
@Command(name = "leave", customSynopsis = "proconsul leave [options]",
        description = "Causes the agent to gracefully leave the cluster and shut down.")
final class LeaveCommand extends ClientCommand {
    static final String SYNOPSIS = "Gracefully leaves the Consul cluster and shuts down";

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    LeaveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Error found unexpected args: [" + String.join(" ", args) + "]");
        }
        try (ConsulClient consul = client()) {
            consul.agent().leave();
        } catch (ConsulException e) {
            return fail("Error leaving: " + e.getMessage());
        }
        info("Graceful leave complete");
        return 0;
    }
}
