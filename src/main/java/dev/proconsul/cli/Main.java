package dev.proconsul.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Entry point of the proconsul executable: dispatches to the command named first, like the consul binary. */
public final class Main {
    private static final Set<String> VERSION_FLAGS = Set.of("-v", "-version", "--version");
    private static final Set<String> HELP_FLAGS = Set.of("-h", "-help", "--help");
    /** What Consul's CLI framework returns when no command, or no such command, was given. */
    static final int EXIT_NO_COMMAND = 127;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("agent")) {
            AgentCommand.warmUp();
        }
        int code;
        try {
            code = run(CliContext.system(), args);
        } catch (Throwable t) {
            // Without an explicit exit, the agent's non-daemon threads (Raft, Netty) would keep a failed process alive.
            t.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /** Runs one command line and returns the exit code; all output goes through {@code ctx}. */
    public static int run(CliContext ctx, String... args) {
        if (args.length == 0) {
            ctx.info(CommandTable.help());
            return EXIT_NO_COMMAND;
        }
        String name = args[0];
        if (VERSION_FLAGS.contains(name)) {
            return GoFlags.execute(GoFlags.commandLine(VersionCommand.class, ctx), ctx);
        }
        if (HELP_FLAGS.contains(name)) {
            ctx.info(CommandTable.help());
            return 0;
        }
        CommandTable.Entry entry = CommandTable.COMMANDS.get(name);
        if (entry == null) {
            ctx.info(CommandTable.help());
            return EXIT_NO_COMMAND;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (entry.type() == AgentCommand.class) {
            return AgentCommand.run(ctx, List.of(rest));
        }
        return GoFlags.execute(GoFlags.commandLine(entry.type(), ctx), ctx, rest);
    }
}
