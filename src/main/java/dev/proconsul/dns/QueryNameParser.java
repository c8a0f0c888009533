package dev.proconsul.dns;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Parses the labels of a name below the domain into a {@link Lookup}, as Consul does: the right-most keyword label
 * (service, connect, node, addr, ...) decides the kind; labels left of it are the query, labels right of it the
 * locality ({@code <dc>} or {@code <dc>.dc}). For SRV questions the "service" keyword may be left out when the name
 * is RFC 2782 style ({@code _web._tcp.consul}).
 */
final class QueryNameParser {
    private static final List<String> KEYWORDS = List.of("service", "connect", "virtual", "ingress", "node", "query",
            "addr");

    private final String datacenter;

    QueryNameParser(String datacenter) {
        this.datacenter = datacenter.toLowerCase(Locale.ROOT);
    }

    /** @param labels lower-cased labels left of the domain, left to right */
    Lookup parse(List<String> labels, boolean srvQuestion) {
        if (labels.isEmpty()) {
            return new Lookup.Apex();
        }
        int partsEnd = -1;
        int suffixStart = -1;
        String kind = null;
        for (int i = labels.size() - 1; i >= 0; i--) {
            String l = labels.get(i);
            if (KEYWORDS.contains(l)) {
                kind = l;
                partsEnd = i;
                suffixStart = i + 1;
                break;
            }
            if (srvQuestion && l.startsWith("_")) {
                // RFC 2782 without ".service": the underscore label is part of the query itself.
                kind = "service";
                partsEnd = i + 1;
                suffixStart = i + 1;
                break;
            }
        }
        if (kind == null) {
            return new Lookup.NotFound("no lookup kind in name");
        }
        List<String> parts = labels.subList(0, partsEnd);
        List<String> suffix = labels.subList(suffixStart, labels.size());
        if (parts.isEmpty()) {
            return new Lookup.NotFound("nothing before ." + kind);
        }
        String dc = locality(suffix);
        if (dc == null) {
            return new Lookup.NotFound("bad locality " + suffix);
        }
        if (!dc.isEmpty() && !dc.equals(datacenter)) {
            return new Lookup.NotFound("no path to datacenter " + dc);
        }
        return switch (kind) {
            case "service" -> service(parts);
            case "connect" -> new Lookup.ConnectLookup(parts.get(parts.size() - 1));
            case "node" -> new Lookup.NodeLookup(String.join(".", parts));
            case "addr" -> addr(parts);
            case "query" -> new Lookup.PreparedQueryLookup(String.join(".", parts));
            // Virtual IPs and ingress gateways arrive with their features.
            default -> new Lookup.NotFound(kind + " lookups are not served");
        };
    }

    /** "" = local; null = not a locality we understand. */
    private static String locality(List<String> suffix) {
        if (suffix.isEmpty()) {
            return "";
        }
        if (suffix.size() == 1) {
            return suffix.get(0);
        }
        if (suffix.size() == 2 && suffix.get(1).equals("dc")) {
            return suffix.get(0);
        }
        return null;
    }

    private static Lookup service(List<String> parts) {
        int n = parts.size();
        if (n == 2 && parts.get(0).startsWith("_") && parts.get(1).startsWith("_")) {
            String tag = parts.get(1).substring(1);
            // _tcp and _udp are RFC 2782 protocols, not tags: they mean "any tag".
            if (tag.equals("tcp") || tag.equals("udp")) {
                tag = null;
            }
            String service = parts.get(0).substring(1);
            if (service.isEmpty()) {
                return new Lookup.NotFound("empty service name");
            }
            return new Lookup.ServiceLookup(service, tag);
        }
        String tag = n >= 2 ? String.join(".", parts.subList(0, n - 1)) : null;
        return new Lookup.ServiceLookup(parts.get(n - 1), tag);
    }

    private static Lookup addr(List<String> parts) {
        if (parts.size() != 1) {
            return new Lookup.NotFound("addr takes one label");
        }
        String hex = parts.get(0);
        if (hex.length() != 8 && hex.length() != 32) {
            return new Lookup.NotFound("addr label is not 4 or 16 hex bytes");
        }
        try {
            byte[] ip = HexFormat.of().parseHex(hex);
            return new Lookup.AddrLookup(Arrays.copyOf(ip, ip.length));
        } catch (IllegalArgumentException e) {
            return new Lookup.NotFound("addr label is not hex");
        }
    }
}
