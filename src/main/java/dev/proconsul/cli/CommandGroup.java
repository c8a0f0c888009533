package dev.proconsul.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * A command that only holds subcommands ({@code kv}, {@code catalog}). As in Consul, running it without a known
 * subcommand prints its help to stderr and exits 1; {@code -h} prints it to stdout and exits 0.
 */
abstract class CommandGroup implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = {"-h", "-help", "--help"}, description = "Show this help.")
    boolean help;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    CommandGroup(CliContext ctx) {
        this.ctx = ctx;
    }

    /** e.g. "proconsul kv <subcommand> [options] [args]" */
    abstract String usage();

    /** The help paragraph, already indented. */
    abstract String description();

    /** Subcommand name to one-line synopsis. */
    abstract Map<String, String> synopses();

    @Override
    public Integer call() {
        if (help) {
            ctx.info(helpText());
            return 0;
        }
        ctx.error(helpText());
        return 1;
    }

    String helpText() {
        return "Usage: " + usage() + "\n\n" + description() + "\n\nSubcommands:\n"
                + CommandTable.listing(new TreeMap<>(synopses()));
    }
}
