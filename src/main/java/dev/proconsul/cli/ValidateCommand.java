package dev.proconsul.cli;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.launch.ConfigValidation;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate}: loads config files and directories exactly as {@code agent -config-file} would (same parser,
 * merge and checks) without starting anything, and reports the first problem with its file and line.
 */
@Command(name = "validate", customSynopsis = "proconsul validate [options] FILE_OR_DIRECTORY...",
        description = "Performs a thorough sanity test on Consul configuration files. For each file or directory "
                + "given, the validate command will attempt to parse the contents just as the \"proconsul agent\" "
                + "command would, and catch any errors. Give it the complete set of files the agent will load: "
                + "fragments may lack required settings. Returns 0 if the configuration is valid, or 1 if there "
                + "are problems.")
final class ValidateCommand implements Callable<Integer> {
    static final String SYNOPSIS = "Validate config files/directories";

    private final CliContext ctx;

    @Mixin
    HelpFlag helpFlag;

    @Option(names = {"-config-format", "--config-format"}, paramLabel = "<value>", defaultValue = "",
            description = "Config files are in this format irrespective of their extension. Must be 'hcl' or "
                    + "'json'.")
    String configFormat;

    @Option(names = {"-quiet", "--quiet"}, arity = "0..1", paramLabel = "<bool>",
            description = "When given, a successful run will produce no output.")
    boolean quiet;

    @Parameters(paramLabel = "FILE_OR_DIRECTORY", arity = "0..*")
    List<String> paths = new ArrayList<>();

    ValidateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (paths.isEmpty()) {
            ctx.error("Must specify at least one config file or directory");
            return 1;
        }
        if (!configFormat.isEmpty() && !configFormat.equals("hcl") && !configFormat.equals("json")) {
            ctx.error("-config-format must be either 'hcl' or 'json'");
            return 1;
        }
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            Path path;
            try {
                path = Path.of(p);
            } catch (InvalidPathException e) {
                ctx.error("Config validation failed: " + p + ": invalid path");
                return 1;
            }
            // Said here, since a missing path without an extension would otherwise read as a format problem.
            if (!Files.exists(path)) {
                ctx.error("Config validation failed: " + p + ": no such file or directory");
                return 1;
            }
            files.add(path);
        }
        AgentConfig config;
        try {
            config = ConfigValidation.validate(files, configFormat.isEmpty() ? null : configFormat);
        } catch (ConfigException e) {
            ctx.error("Config validation failed: " + e.getMessage());
            return 1;
        }
        // As Consul's validate: the warnings the agent would log at start go to stderr, and the config is valid.
        config.warnings().forEach(ctx::error);
        if (!quiet) {
            ctx.info("Configuration is valid!");
        }
        return 0;
    }
}
