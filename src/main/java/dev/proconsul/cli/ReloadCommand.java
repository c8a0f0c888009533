package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reload}: makes the agent re-read its configuration files, as SIGHUP does. */
@Command(name = "reload", customSynopsis = "proconsul reload [options]",
        description = "Causes the agent to reload configurations. This can be used instead of sending the SIGHUP "
                + "signal to the agent.")
final class ReloadCommand extends ClientCommand {
    static final String SYNOPSIS = "Triggers the agent to reload configuration files";

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    ReloadCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Error found unexpected args: [" + String.join(" ", args) + "]");
        }
        try (ConsulClient consul = client()) {
            consul.agent().reload();
        } catch (ConsulException e) {
            return fail("Error reloading: " + e.getMessage());
        }
        info("Configuration reload triggered");
        return 0;
    }
}
