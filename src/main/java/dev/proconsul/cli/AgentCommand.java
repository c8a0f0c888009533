package dev.proconsul.cli;

import dev.proconsul.launch.AgentMain;
import dev.proconsul.launch.StartupWarmup;
import java.util.List;
import java.util.Map;

/**
 * {@code agent}: parses Consul's agent flags and hands them to {@link AgentMain}, which runs until shutdown. Not a
 * picocli command: its flags are parsed by {@link GoFlagSet}, which costs the start-up next to nothing (see there).
 */
final class AgentCommand {
    static final String SYNOPSIS = "Runs a Consul agent";
    private static final String HELP = """
            Usage: proconsul agent [options]

              Starts an agent, which runs until told to shut down or to leave the cluster gracefully.

            Options:
            """;

    private AgentCommand() {
    }

    /** For the process entry point: start-up work that can begin before the flags are parsed. */
    static void warmUp() {
        StartupWarmup.begin();
    }

    /** Runs the agent with {@code args} (the words after "agent") and returns the exit code. */
    static int run(CliContext ctx, List<String> args) {
        AgentFlags flags;
        Map<String, Object> overrides;
        try {
            flags = AgentFlags.parse(args);
            if (flags.help()) {
                ctx.info((HELP + AgentFlags.FLAG_SET.usage()).stripTrailing());
                return 0;
            }
            if (!flags.args().isEmpty()) {
                ctx.error("Error: unexpected arguments: " + String.join(" ", flags.args()));
                return 1;
            }
            overrides = flags.overrides();
        } catch (CommandFailed e) {
            ctx.error(e.getMessage());
            return 1;
        }
        return AgentMain.run(flags.dev(), flags.configFiles(), flags.configDirs(), overrides);
    }
}
