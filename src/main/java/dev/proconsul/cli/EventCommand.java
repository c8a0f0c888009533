package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.WriteOptions;
import dev.proconsul.structs.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code event}: fires a custom user event, optionally filtered by node, service and tag. */
@Command(name = "event", customSynopsis = "proconsul event [options] [payload]",
        description = "Dispatches a custom user event across a datacenter. An event must provide a name, but a "
                + "payload is optional. Events support filtering using regular expressions on node name, "
                + "service, and tag definitions.")
final class EventCommand extends ClientCommand {
    static final String SYNOPSIS = "Fire a new event";

    @Option(names = {"-name", "--name"}, paramLabel = "<string>", defaultValue = "",
            description = "Name of the event.")
    String name;

    @Option(names = {"-node", "--node"}, paramLabel = "<string>", defaultValue = "",
            description = "Regular expression to filter on node names.")
    String node;

    @Option(names = {"-service", "--service"}, paramLabel = "<string>", defaultValue = "",
            description = "Regular expression to filter on service instances.")
    String service;

    @Option(names = {"-tag", "--tag"}, paramLabel = "<string>", defaultValue = "",
            description = "Regular expression to filter on service tags. Must be used with -service.")
    String tag;

    @Parameters(paramLabel = "payload", arity = "0..*")
    List<String> args = new ArrayList<>();

    EventCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (name.isEmpty()) {
            return fail("Event name must be specified");
        }
        checkRegex(node, "node");
        checkRegex(service, "service");
        checkRegex(tag, "tag");
        if (!tag.isEmpty() && service.isEmpty()) {
            return fail("Cannot provide tag filter without service filter.");
        }
        if (args.size() > 1) {
            return fail("Too many command line arguments.");
        }
        byte[] payload = args.isEmpty() ? null : args.getFirst().getBytes(StandardCharsets.UTF_8);
        try (ConsulClient consul = client()) {
            try {
                consul.agent().self();
            } catch (ConsulException e) {
                return fail("Error querying Consul agent: " + e.getMessage());
            }
            UserEvent sent;
            try {
                sent = consul.event().fire(UserEvent.request(name, payload, node, service, tag),
                        new WriteOptions(http.datacenter, null));
            } catch (ConsulException e) {
                return fail("Error firing event: " + e.getMessage());
            }
            info("Event ID: " + sent.id());
            return 0;
        }
    }

    private static void checkRegex(String filter, String what) {
        if (filter.isEmpty()) {
            return;
        }
        try {
            Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            throw new CommandFailed("Failed to compile " + what + " filter regexp: " + e.getDescription());
        }
    }
}
