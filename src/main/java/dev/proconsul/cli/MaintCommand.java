package dev.proconsul.cli;

import dev.proconsul.api.AgentClient;
import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code maint}: puts the node, or one service, in maintenance mode or takes it out; without -enable or -disable it
 * lists what is in maintenance. Maintenance is a critical check the agent registers ({@code _node_maintenance},
 * {@code _service_maintenance:<id>}), which is how the listing finds it.
 */
@Command(name = "maint", customSynopsis = "proconsul maint [options]",
        description = "Places a node or service into maintenance mode. During maintenance mode, the node or service "
                + "will be excluded from all queries through the DNS or API interfaces, effectively taking it out "
                + "of the pool of available nodes. This is done by registering a critical health check. Without "
                + "-enable or -disable, lists the node and services currently in maintenance.")
final class MaintCommand extends ClientCommand {
    static final String SYNOPSIS = "Controls node or service maintenance mode";
    static final String NODE_CHECK = "_node_maintenance";
    static final String SERVICE_CHECK_PREFIX = "_service_maintenance:";

    @Option(names = {"-enable", "--enable"}, arity = "0..1", paramLabel = "<bool>",
            description = "Enable maintenance mode.")
    boolean enable;

    @Option(names = {"-disable", "--disable"}, arity = "0..1", paramLabel = "<bool>",
            description = "Disable maintenance mode.")
    boolean disable;

    @Option(names = {"-reason", "--reason"}, paramLabel = "<value>", defaultValue = "",
            description = "Text describing the maintenance reason.")
    String reason;

    @Option(names = {"-service", "--service"}, paramLabel = "<value>", defaultValue = "",
            description = "Control maintenance mode for a specific service ID.")
    String service;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    MaintCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Too many arguments (expected 0, got " + args.size() + ")");
        }
        if (enable && disable) {
            return fail("Only one of -enable or -disable may be provided");
        }
        if (!enable && !reason.isEmpty()) {
            return fail("Reason may only be provided with -enable");
        }
        if (!enable && !disable && !service.isEmpty()) {
            return fail("Service requires either -enable or -disable");
        }
        try (ConsulClient consul = client()) {
            AgentClient agent = consul.agent();
            String nodeName;
            try {
                nodeName = agent.nodeName();
            } catch (ConsulException e) {
                return fail("Error querying Consul agent: " + e.getMessage());
            }
            if (!enable && !disable) {
                return list(agent, nodeName);
            }
            String what = service.isEmpty() ? "node" : "service";
            try {
                if (enable && service.isEmpty()) {
                    agent.enableNodeMaintenance(reason);
                } else if (enable) {
                    agent.enableServiceMaintenance(service, reason);
                } else if (service.isEmpty()) {
                    agent.disableNodeMaintenance();
                } else {
                    agent.disableServiceMaintenance(service);
                }
            } catch (ConsulException e) {
                return fail("Error " + (enable ? "enabling " : "disabling ") + what + " maintenance: "
                        + e.getMessage());
            }
            info((service.isEmpty() ? "Node" : "Service") + " maintenance is now "
                    + (enable ? "enabled" : "disabled"));
            return 0;
        }
    }

    private int list(AgentClient agent, String nodeName) {
        Map<String, HealthCheck> checks;
        try {
            checks = new TreeMap<>(agent.checks());
        } catch (ConsulException e) {
            return fail("Error getting checks: " + e.getMessage());
        }
        HealthCheck node = checks.get(NODE_CHECK);
        if (node != null) {
            info("Node:");
            info("  Name:   " + nodeName);
            info("  Reason: " + nullToEmpty(node.notes()));
            info("");
        }
        for (HealthCheck c : checks.values()) {
            if (c.checkId().startsWith(SERVICE_CHECK_PREFIX)) {
                info("Service:");
                info("  ID:     " + nullToEmpty(c.serviceId()));
                info("  Reason: " + nullToEmpty(c.notes()));
                info("");
            }
        }
        return 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
