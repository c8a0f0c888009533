package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.LockOptions;
import dev.proconsul.api.SemaphoreOptions;
import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lock [options] prefix child...}: holds a lock ({@code -n=1}) or a semaphore slot ({@code -n>1}) at
 * {@code prefix} while a child command runs, as Consul's lock command does. The lock key is
 * {@code <prefix>/.lock} in both cases, so a lock and a semaphore on one prefix conflict visibly. If the lock is
 * lost, or SIGINT/SIGTERM arrives, the child gets SIGTERM, then SIGKILL after a grace period; the lock is released
 * and its keys cleaned up whenever nobody else uses them.
 */
@Command(name = "lock", customSynopsis = "proconsul lock [options] prefix child...",
        description = "Acquires a lock or semaphore at a given path, and invokes a child process when successful. "
                + "The child process can assume the lock is held while it executes. If the lock is lost or "
                + "communication is disrupted the child process will be sent a SIGTERM signal and given time to "
                + "gracefully exit. After the grace period expires the process will be hard terminated. When "
                + "-n=1, only a single lock holder exists; a higher value switches to a semaphore allowing "
                + "multiple holders to coordinate.")
final class LockCommand extends ClientCommand {
    static final String SYNOPSIS = "Execute a command holding a lock";
    /** Consul's: number of failed monitor reads tolerated, and the pause between them. */
    static final int DEFAULT_MONITOR_RETRY = 3;
    static final Duration MONITOR_RETRY_TIME = Duration.ofSeconds(1);

    @Option(names = {"-n", "--n"}, paramLabel = "<int>", defaultValue = "1",
            description = "Optional limit on the number of concurrent lock holders. The underlying implementation "
                    + "switches from a lock to a semaphore when the value is greater than 1. The default value is 1.")
    int limit;

    @Option(names = {"-child-exit-code", "--child-exit-code"}, arity = "0..1",
            description = "Exit 2 if the child process exited with an error if this is true, otherwise this "
                    + "doesn't propagate an error from the child. The default value is false.")
    boolean childExitCode;

    @Option(names = {"-monitor-retry", "--monitor-retry"}, paramLabel = "<int>", defaultValue = "3",
            description = "Number of times to retry if Consul returns a 500 error while monitoring the lock. "
                    + "The default value is 3, with a 1s wait between retries. Set this value to 0 to disable.")
    int monitorRetry;

    @Option(names = {"-name", "--name"}, paramLabel = "<string>", defaultValue = "",
            description = "Optional name to associate with the lock session. If not provided, one is generated "
                    + "based on the provided child command.")
    String name;

    @Option(names = {"-pass-stdin", "--pass-stdin"}, arity = "0..1", description = "Pass stdin to the child process.")
    boolean passStdin;

    @Option(names = {"-shell", "--shell"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Use a shell to run the command (can set a custom shell via the SHELL environment "
                    + "variable). The default value is true.")
    boolean shell;

    @Option(names = {"-timeout", "--timeout", "-try", "--try"}, paramLabel = "<duration>", defaultValue = "0",
            description = "Maximum amount of time to wait to acquire the lock, specified as a duration like "
                    + "\"1s\" or \"3h\". The default value is 0 (wait forever). -try is a deprecated alias.")
    String timeout;

    @Option(names = {"-verbose", "--verbose"}, arity = "0..1", description = "Enable verbose (debugging) output.")
    boolean verbose;

    @Parameters(paramLabel = "prefix child...", arity = "0..*")
    List<String> args = new ArrayList<>();

    /** Completed by SIGINT/SIGTERM (or a test) to stop waiting, kill the child and release. */
    final CompletableFuture<String> shutdown = new CompletableFuture<>();

    LockCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (limit <= 0) {
            return fail("Lock holder limit must be positive");
        }
        if (args.size() < 2) {
            return fail("Key prefix and child command must be specified");
        }
        String prefix = args.getFirst().startsWith("/") ? args.getFirst().substring(1) : args.getFirst();
        List<String> child = args.subList(1, args.size());
        Duration wait = parseTimeout();
        if (name.isEmpty()) {
            name = "Consul lock for '" + String.join(" ", child) + "' at '" + prefix + "'";
        }
        if (monitorRetry < 0) {
            return fail("Number for 'monitor-retry' must be >= 0");
        }
        try (ConsulClient consul = client(); ShutdownSignals signals = ShutdownSignals.install(shutdown)) {
            try {
                consul.agent().self();
            } catch (ConsulException e) {
                return fail("Error querying Consul agent: " + e.getMessage());
            }
            Holder holder = limit == 1 ? lock(consul, prefix) : semaphore(consul, prefix);
            return new LockRun(ctx, verbose, holder, shutdown).run(child, shell, passStdin,
                    wait.isZero() ? null : wait, childExitCode);
        }
    }

    private Duration parseTimeout() {
        Duration d;
        try {
            d = GoDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandFailed(GoFlagSet.invalidValue(timeout, "-timeout"));
        }
        if (d.isNegative()) {
            throw new CommandFailed("Timeout must be positive");
        }
        return d;
    }

    private Holder lock(ConsulClient consul, String prefix) {
        String key = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + ".lock";
        if (verbose) {
            info("Setting up lock at path: " + key);
        }
        try {
            return Holder.of(consul.lock(LockOptions.key(key).withSessionName(name)
                    .withMonitorRetries(monitorRetry, MONITOR_RETRY_TIME)));
        } catch (IllegalArgumentException e) {
            throw new CommandFailed("Lock setup failed: " + e.getMessage());
        }
    }

    private Holder semaphore(ConsulClient consul, String prefix) {
        if (verbose) {
            info("Setting up semaphore (limit " + limit + ") at prefix: " + prefix);
        }
        try {
            return Holder.of(consul.semaphore(SemaphoreOptions.of(prefix, limit).withSessionName(name)
                    .withMonitorRetries(monitorRetry, MONITOR_RETRY_TIME)));
        } catch (IllegalArgumentException e) {
            throw new CommandFailed("Lock setup failed: " + e.getMessage());
        }
    }
}
