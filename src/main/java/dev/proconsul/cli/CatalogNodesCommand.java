package dev.proconsul.cli;

import dev.proconsul.structs.CatalogServiceNode;
import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.QueryOptions;
import dev.proconsul.structs.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catalog nodes}: the datacenter's nodes in Consul's columns. */
@Command(name = "nodes", customSynopsis = "proconsul catalog nodes [options]",
        description = "Lists the nodes registered in the datacenter (the agent's, unless -datacenter).")
final class CatalogNodesCommand extends ClientCommand {
    static final String SYNOPSIS = "Lists all nodes in the given datacenter";

    @Option(names = {"-detailed", "--detailed"}, arity = "0..1",
            description = "Show full node IDs, tagged addresses and metadata.")
    boolean detailed;

    @Option(names = {"-near", "--near"}, paramLabel = "<node>",
            description = "Sort by estimated round-trip time from this node (\"_agent\" = this agent's).")
    String near;

    @Option(names = {"-node-meta", "--node-meta"}, paramLabel = "<key=value>",
            description = "Only nodes with this metadata; repeatable.")
    List<String> nodeMeta = new ArrayList<>();

    @Option(names = {"-service", "--service"}, paramLabel = "<id or name>",
            description = "Only nodes providing this service.")
    String service;

    @Option(names = {"-filter", "--filter"}, paramLabel = "<expression>",
            description = "Filter expression; @file or - (stdin) read it from there.")
    String filter;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    CatalogNodesCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (!args.isEmpty()) {
            return fail("Too many arguments (expected 0, got " + args.size() + ")");
        }
        Map<String, String> meta = MetaFlag.parse(nodeMeta);
        try (ConsulClient consul = client()) {
            String filterText = filter;
            if (filter != null && !filter.isEmpty()) {
                filterText = new String(DataSource.load(filter, ctx.in(), "Could not process filter argument: "),
                        StandardCharsets.UTF_8);
            }
            QueryOptions opts = http.query().near(near).nodeMeta(meta).filter(filterText).build();
            List<Node> nodes;
            if (service != null && !service.isEmpty()) {
                try {
                    nodes = consul.catalog().service(service, null, opts).value().stream()
                            .map(CatalogNodesCommand::asNode).toList();
                } catch (ConsulException e) {
                    return fail("Error listing nodes for service: " + e.getMessage());
                }
            } else {
                try {
                    nodes = consul.catalog().nodes(opts).value();
                } catch (ConsulException e) {
                    return fail("Error listing nodes: " + e.getMessage());
                }
            }
            if (nodes.isEmpty()) {
                ctx.error("No nodes match the given query - try expanding your search.");
                return 0;
            }
            List<String> rows = new ArrayList<>();
            rows.add(detailed ? String.join(TextTables.SEP, "Node", "ID", "Address", "DC", "TaggedAddresses", "Meta")
                    : String.join(TextTables.SEP, "Node", "ID", "Address", "DC"));
            for (Node n : nodes) {
                rows.add(row(n));
            }
            info(TextTables.columnize(rows));
            return 0;
        }
    }

    private String row(Node n) {
        String id = n.id() == null ? "" : n.id();
        if (detailed) {
            return String.join(TextTables.SEP, n.node(), id, n.address(), n.datacenter(),
                    keyValues(n.taggedAddresses()), keyValues(n.meta()));
        }
        // Only the ID's first group fits the table, as in Consul.
        int dash = id.indexOf('-');
        return String.join(TextTables.SEP, n.node(), dash > 0 ? id.substring(0, dash) : id, n.address(),
                n.datacenter());
    }

    private static String keyValues(Map<String, String> m) {
        if (m == null) {
            return "";
        }
        return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Node asNode(CatalogServiceNode s) {
        return new Node(s.id(), s.node(), s.address(), s.datacenter(), s.taggedAddresses(), s.nodeMeta(),
                s.createIndex(), s.modifyIndex());
    }
}
