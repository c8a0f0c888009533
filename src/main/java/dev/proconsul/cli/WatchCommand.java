package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.HealthClient;
import dev.proconsul.api.QueryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code watch}: watches one data view with blocking queries. With a handler command it runs the handler with the
 * view as JSON on stdin on the first result and on every change until Ctrl-C; without one it prints the current
 * view once and exits.
 */
@Command(name = "watch", customSynopsis = "proconsul watch [options] [child...]",
        description = "Watches for changes in a given data view from Consul. If a child process is specified, it "
                + "will be invoked with the latest results on changes. Otherwise, the latest values are dumped to "
                + "stdout and the watch terminates. Providing the watch type is required, and other parameters "
                + "may be required or supported depending on the watch type.")
final class WatchCommand extends ClientCommand {
    static final String SYNOPSIS = "Watch for changes in Consul";

    @Option(names = {"-type", "--type"}, paramLabel = "<type>", defaultValue = "",
            description = "Specifies the watch type. One of key, keyprefix, services, nodes, service, checks, or "
                    + "event.")
    String type;

    @Option(names = {"-key", "--key"}, paramLabel = "<key>", description = "Specifies the key to watch. Only for "
            + "'key' type.")
    String key;

    @Option(names = {"-prefix", "--prefix"}, paramLabel = "<prefix>",
            description = "Specifies the key prefix to watch. Only for 'keyprefix' type.")
    String prefix;

    @Option(names = {"-service", "--service"}, paramLabel = "<service>",
            description = "Specifies the service to watch. Required for 'service' type, optional for 'checks' type.")
    String service;

    @Option(names = {"-tag", "--tag"}, paramLabel = "<tag>",
            description = "Service tag to filter on; repeatable. Optional for 'service' type.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-passingonly", "--passingonly"}, arity = "0..1", paramLabel = "<bool>",
            description = "Specifies if only hosts passing all checks are displayed. Optional for 'service' type.")
    Boolean passingOnly;

    @Option(names = {"-state", "--state"}, paramLabel = "<state>",
            description = "Specifies the states to watch. Optional for 'checks' type.")
    String state;

    @Option(names = {"-name", "--name"}, paramLabel = "<name>",
            description = "Specifies an event name to watch. Only for 'event' type.")
    String name;

    @Option(names = {"-filter", "--filter"}, paramLabel = "<filter>",
            description = "Filter to use with the request. Optional for 'checks', 'nodes', 'services' and "
                    + "'service' types.")
    String filter;

    @Option(names = {"-shell", "--shell"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            paramLabel = "<bool>", description = "Use a shell to run the command (can set a custom shell via the "
            + "SHELL environment variable). The default value is true.")
    boolean shell;

    @Parameters(paramLabel = "child", arity = "0..*")
    List<String> child = new ArrayList<>();

    /** Completed by SIGINT/SIGTERM to stop watching. */
    final CompletableFuture<String> shutdown = new CompletableFuture<>();

    WatchCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (type.isEmpty()) {
            return fail("Watch type must be specified");
        }
        WatchSource source = source();
        try (ConsulClient consul = client()) {
            try {
                consul.agent().nodeName();
            } catch (ConsulException e) {
                return fail("Error querying Consul agent: " + e.getMessage());
            }
            WatchPlan plan = new WatchPlan(type, source, this::queryOptions, ctx);
            WatchPlan.Handler handler = child.isEmpty() ? this::printOnce : handler();
            return runUntilSignal(consul, plan, handler);
        }
    }

    private int runUntilSignal(ConsulClient consul, WatchPlan plan, WatchPlan.Handler handler) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try (ShutdownSignals signals = ShutdownSignals.install(shutdown)) {
            Thread worker = Thread.ofPlatform().name("watch").start(() -> {
                try {
                    done.complete(plan.run(consul, handler));
                } catch (CommandFailed e) {
                    ctx.error(e.getMessage());
                    done.complete(1);
                } catch (RuntimeException e) {
                    ctx.error("Error: " + e.getMessage());
                    done.complete(1);
                }
            });
            CompletableFuture.anyOf(done, shutdown).join();
            if (done.isDone()) {
                return done.join();
            }
            plan.stop();
            worker.interrupt();
            return 0;
        }
    }

    private Integer printOnce(long index, Object data) {
        info(WatchJson.indented(data));
        return 0;
    }

    private WatchPlan.Handler handler() {
        WatchHandler h = new WatchHandler(ctx, child, shell);
        return (index, data) -> {
            String error = h.run(index, data);
            if (error != null) {
                ctx.error(error);
                return 1;
            }
            return null;
        };
    }

    private QueryOptions.Builder queryOptions() {
        QueryOptions.Builder b = http.query();
        if (filter != null && !filter.isEmpty()) {
            b.filter(filter);
        }
        return b;
    }

    /** The data view for -type, checking its parameters the way Consul's watch plan parser does. */
    private WatchSource source() {
        TreeSet<String> unused = new TreeSet<>();
        addIfSet(unused, "key", key);
        addIfSet(unused, "prefix", prefix);
        addIfSet(unused, "service", service);
        if (!tags.isEmpty()) {
            unused.add("tag");
        }
        if (passingOnly != null) {
            unused.add("passingonly");
        }
        addIfSet(unused, "state", state);
        addIfSet(unused, "name", name);
        addIfSet(unused, "filter", filter);
        WatchSource source = switch (type) {
            case "key" -> {
                unused.remove("key");
                yield KvWatches.key(required(key, "Must specify a single key to watch"));
            }
            case "keyprefix" -> {
                unused.remove("prefix");
                yield KvWatches.prefix(required(prefix, "Must specify a single prefix to watch"));
            }
            case "services" -> {
                unused.remove("filter");
                yield CatalogWatches.services();
            }
            case "nodes" -> {
                unused.remove("filter");
                yield CatalogWatches.nodes();
            }
            case "service" -> {
                unused.removeAll(List.of("service", "tag", "passingonly", "filter"));
                yield HealthWatches.service(required(service, "Must specify a single service to watch"), tags,
                        passingOnly != null && passingOnly);
            }
            case "checks" -> {
                unused.removeAll(List.of("service", "state", "filter"));
                yield checks();
            }
            case "event" -> {
                unused.remove("name");
                yield new EventWatch(name == null ? "" : name);
            }
            default -> throw new CommandFailed("Unsupported watch type: " + type);
        };
        if (!unused.isEmpty()) {
            throw new CommandFailed("Invalid parameters: [" + String.join(" ", unused) + "]");
        }
        return source;
    }

    private WatchSource checks() {
        String svc = service == null ? "" : service;
        String st = state == null ? "" : state;
        if (!svc.isEmpty() && !st.isEmpty()) {
            throw new CommandFailed("Cannot specify service and state");
        }
        if (!st.isEmpty() && !HealthClient.STATES.contains(st)) {
            throw new CommandFailed("Invalid check state: \"" + st
                    + "\" (must be any, passing, warning, critical or maintenance)");
        }
        return HealthWatches.checks(svc, st);
    }

    private static void addIfSet(TreeSet<String> set, String param, String value) {
        if (value != null) {
            set.add(param);
        }
    }

    private static String required(String value, String message) {
        if (value == null || value.isEmpty()) {
            throw new CommandFailed(message);
        }
        return value;
    }
}
