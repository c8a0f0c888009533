package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.QueryOptions;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateDatacenterMap;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.GoDuration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rtt}: the round trip time between two nodes as their network coordinates estimate it. */
@Command(name = "rtt", customSynopsis = "proconsul rtt [options] node1 [node2]",
        description = "Estimates the round trip time between two nodes using Consul's network coordinate model of "
                + "the cluster. At least one node name is required. If the second node name isn't given, it is "
                + "set to the agent's node name. These are the node names as known to Consul as the \"consul "
                + "members\" command would show, not IP addresses. By default, the two nodes are assumed to be "
                + "nodes in the local datacenter and the LAN coordinates are used. If the -wan option is given, "
                + "then the WAN coordinates are used, and the node names must be suffixed by a period and the "
                + "datacenter (eg. \"myserver.dc1\").")
final class RttCommand extends ClientCommand {
    static final String SYNOPSIS = "Estimates network round trip time between nodes";

    @Option(names = {"-wan", "--wan"}, arity = "0..1",
            description = "Use WAN coordinates instead of LAN coordinates.")
    boolean wan;

    @Parameters(hidden = true)
    List<String> nodes = new ArrayList<>();

    RttCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        if (nodes.isEmpty() || nodes.size() > 2) {
            return fail("One or two node names must be specified");
        }
        try (ConsulClient consul = client()) {
            return wan ? wan(consul) : lan(consul);
        } catch (ConsulException e) {
            return fail("Error getting coordinates: " + e.getMessage());
        }
    }

    private int lan(ConsulClient consul) {
        String node1 = nodes.get(0);
        String node2;
        if (nodes.size() == 2) {
            node2 = nodes.get(1);
        } else {
            try {
                node2 = consul.agent().self().config().path("NodeName").asText();
            } catch (ConsulException e) {
                return fail("Unable to look up agent info: " + e.getMessage());
            }
        }
        List<CoordinateEntry> entries = consul.coordinate().nodes(QueryOptions.DEFAULT).value();
        Map<String, Coordinate> set1 = new HashMap<>();
        Map<String, Coordinate> set2 = new HashMap<>();
        for (CoordinateEntry e : entries) {
            if (e.node().equalsIgnoreCase(node1)) {
                set1.put(e.segment(), e.coord());
            }
            if (e.node().equalsIgnoreCase(node2)) {
                set2.put(e.segment(), e.coord());
            }
        }
        // As Consul: compare in the segment both share (a node with one segment decides which).
        String segment = "";
        if (set1.size() == 1) {
            segment = set1.keySet().iterator().next();
        }
        if (set2.size() == 1) {
            segment = set2.keySet().iterator().next();
        }
        return show(node1, node2, set1.get(segment), set2.get(segment), "LAN");
    }

    private int wan(ConsulClient consul) {
        String node1 = nodes.get(0);
        String node2;
        if (nodes.size() == 2) {
            node2 = nodes.get(1);
        } else {
            try {
                var config = consul.agent().self().config();
                node2 = config.path("NodeName").asText() + "." + config.path("Datacenter").asText();
            } catch (ConsulException e) {
                return fail("Unable to look up agent info: " + e.getMessage());
            }
        }
        String[] parts1 = node1.split("\\.", -1);
        String[] parts2 = node2.split("\\.", -1);
        if (parts1.length != 2 || parts2.length != 2) {
            return fail("Node names must be specified as <node name>.<datacenter> with -wan");
        }
        Coordinate c1 = null;
        Coordinate c2 = null;
        List<CoordinateDatacenterMap> dcs = consul.coordinate().datacenters();
        // Coordinates are comparable only within one area: look for an area holding both.
        for (CoordinateDatacenterMap area : dcs) {
            Coordinate a = find(dcs, area.areaId(), parts1);
            Coordinate b = find(dcs, area.areaId(), parts2);
            if (a != null && b != null) {
                return show(node1, node2, a, b, "WAN");
            }
            c1 = c1 != null ? c1 : a;
            c2 = c2 != null ? c2 : b;
        }
        return show(node1, node2, c1, c2, "WAN");
    }

    /** The coordinate of {@code node.dc} in {@code area}; WAN entries may be named with or without the suffix. */
    private static Coordinate find(List<CoordinateDatacenterMap> dcs, String area, String[] nodeAndDc) {
        String full = (nodeAndDc[0] + "." + nodeAndDc[1]).toLowerCase(Locale.ROOT);
        for (CoordinateDatacenterMap dc : dcs) {
            if (!dc.areaId().equals(area) || !dc.datacenter().equals(nodeAndDc[1]) || dc.coordinates() == null) {
                continue;
            }
            for (CoordinateEntry e : dc.coordinates()) {
                String name = e.node().toLowerCase(Locale.ROOT);
                if (name.equals(full) || name.equalsIgnoreCase(nodeAndDc[0])) {
                    return e.coord();
                }
            }
        }
        return null;
    }

    private int show(String node1, String node2, Coordinate c1, Coordinate c2, String source) {
        if (c1 == null) {
            return fail("Could not find a coordinate for node " + GoDuration.quote(node1));
        }
        if (c2 == null) {
            return fail("Could not find a coordinate for node " + GoDuration.quote(node2));
        }
        if (!c1.isCompatibleWith(c2)) {
            return fail("Coordinates of \"" + node1 + "\" and \"" + node2 + "\" are not compatible");
        }
        double millis = c1.distanceTo(c2).toNanos() / 1.0e6;
        info(String.format(Locale.ROOT, "Estimated %s <-> %s rtt: %.3f ms (using %s coordinates)", node1, node2,
                millis, source));
        return 0;
    }
}
