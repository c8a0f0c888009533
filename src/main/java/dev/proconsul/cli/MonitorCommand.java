package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.LogMonitor;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor}: follows the agent's log stream until interrupted or until the agent goes away. */
@Command(name = "monitor", customSynopsis = "proconsul monitor [options]",
        description = "Shows recent log messages of a Consul agent, and attaches to the agent, outputting log "
                + "messages as they occur in real time. The monitor lets you listen for log levels that may be "
                + "filtered out of the Consul agent. For example your agent may only be logging at INFO level, but "
                + "with the monitor you can see the DEBUG level logs.")
final class MonitorCommand extends ClientCommand {
    static final String SYNOPSIS = "Stream logs from a Consul agent";

    @Option(names = {"-log-level", "--log-level"}, paramLabel = "<string>", defaultValue = "INFO",
            description = "Log level of the agent.")
    String logLevel;

    @Option(names = {"-log-json", "--log-json"}, arity = "0..1", description = "Output logs in JSON format.")
    boolean logJson;

    /** Completed by SIGINT/SIGTERM: the monitor stops and the command exits 0. */
    final CompletableFuture<String> shutdown = new CompletableFuture<>();

    MonitorCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        try (ConsulClient consul = client()) {
            LogMonitor monitor;
            try {
                monitor = consul.agent().monitor(logLevel, logJson);
            } catch (ConsulException e) {
                return fail("Error starting monitor: " + e.getMessage());
            }
            try (monitor; ShutdownSignals signals = ShutdownSignals.install(shutdown)) {
                shutdown.thenRun(monitor::close);
                follow(monitor);
            }
            if (shutdown.isDone()) {
                return 0;
            }
            info("");
            info("Remote side ended the monitor! This usually means that the\n"
                    + "remote side has exited or crashed.");
            return 1;
        }
    }

    private void follow(LogMonitor monitor) {
        try {
            for (String line = monitor.nextLine(); line != null; line = monitor.nextLine()) {
                info(line);
            }
        } catch (ConsulException e) {
            // a broken connection ends the monitor as the agent ending it does
        }
    }
}
