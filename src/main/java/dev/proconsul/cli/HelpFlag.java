package dev.proconsul.cli;

import picocli.CommandLine.Option;

/** -h, -help and --help on every command, like Consul's CLI. */
final class HelpFlag {
    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;
}
