package dev.proconsul.cli;

import dev.proconsul.launch.AgentMain;
import dev.proconsul.launch.StartupWarmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code agent}: parses Consul's agent flags and hands them to {@link AgentMain}, which runs until shutdown. */
@Command(name = "agent", customSynopsis = "proconsul agent [options]",
        description = "Starts an agent, which runs until told to shut down or to leave the cluster gracefully.")
final class AgentCommand implements Callable<Integer> {
    static final String SYNOPSIS = "Runs a Consul agent";

    private final CliContext ctx;

    @Mixin
    HelpFlag helpFlag;

    @Mixin
    AgentFlags flags;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    /** For the process entry point: start-up work that can begin before the flags are parsed. */
    static void warmUp() {
        StartupWarmup.begin();
    }

    AgentCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!args.isEmpty()) {
            ctx.error("Error: unexpected arguments: " + String.join(" ", args));
            return 1;
        }
        Map<String, Object> overrides;
        try {
            overrides = flags.overrides();
        } catch (CommandFailed e) {
            ctx.error(e.getMessage());
            return 1;
        }
        return AgentMain.run(flags.dev, List.copyOf(flags.configFiles), List.copyOf(flags.configDirs), overrides);
    }
}
