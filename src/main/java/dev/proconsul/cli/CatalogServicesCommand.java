package dev.proconsul.cli;

import dev.proconsul.api.CatalogNode;
import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.NodeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catalog services}: service names, sorted, optionally with their tags. */
@Command(name = "services", customSynopsis = "proconsul catalog services [options]",
        description = "Lists the services registered in the datacenter (the agent's, unless -datacenter).")
final class CatalogServicesCommand extends ClientCommand {
    static final String SYNOPSIS = "Lists all registered services in a datacenter";

    @Option(names = {"-node", "--node"}, paramLabel = "<id or name>", description = "Only services on this node.")
    String node;

    @Option(names = {"-node-meta", "--node-meta"}, paramLabel = "<key=value>",
            description = "Only services on nodes with this metadata; repeatable.")
    List<String> nodeMeta = new ArrayList<>();

    @Option(names = {"-tags", "--tags"}, arity = "0..1", description = "Show each service's tags.")
    boolean tags;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    CatalogServicesCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Too many arguments (expected 0, got " + args.size() + ")");
        }
        Map<String, String> meta = MetaFlag.parse(nodeMeta);
        Map<String, List<String>> services = new TreeMap<>();
        try (ConsulClient consul = client()) {
            if (node != null && !node.isEmpty()) {
                Optional<CatalogNode> n;
                try {
                    n = consul.catalog().node(node, http.query().nodeMeta(meta).build()).value();
                } catch (ConsulException e) {
                    return fail("Error listing services for node: " + e.getMessage());
                }
                for (NodeService s : n.map(CatalogNode::services).orElse(Map.of()).values()) {
                    services.computeIfAbsent(s.service(), k -> new ArrayList<>())
                            .addAll(s.tags() == null ? List.of() : s.tags());
                }
            } else {
                try {
                    consul.catalog().services(http.query().nodeMeta(meta).build()).value()
                            .forEach((name, t) -> services.put(name, new ArrayList<>(t == null ? List.of() : t)));
                } catch (ConsulException e) {
                    return fail("Error listing services: " + e.getMessage());
                }
            }
        }
        if (services.isEmpty()) {
            ctx.error("No services match the given query - try expanding your search.");
            return 0;
        }
        if (tags) {
            List<String> lines = new ArrayList<>();
            services.forEach((name, t) -> lines.add(name + "\t" + String.join(",", t.stream().sorted().toList())));
            info(TextTables.tabwrite(lines, 6).strip());
        } else {
            services.keySet().forEach(this::info);
        }
        return 0;
    }
}
