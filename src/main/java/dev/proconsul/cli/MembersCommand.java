package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.Member;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code members}: the gossip pool as the agent sees it, in Consul's columns and order. */
@Command(name = "members", customSynopsis = "proconsul members [options]",
        description = "Outputs the members of a running agent.")
final class MembersCommand extends ClientCommand {
    static final String SYNOPSIS = "Lists the members of a Consul cluster";
    private static final String[] STATUS = {"none", "alive", "leaving", "left", "failed"};

    @Option(names = {"-detailed", "--detailed"}, arity = "0..1", description = "Provides detailed information about nodes.")
    boolean detailed;

    @Option(names = {"-wan", "--wan"}, arity = "0..1",
            description = "If the agent is in server mode, list the peers in the WAN pool.")
    boolean wan;

    @Option(names = {"-status", "--status"}, paramLabel = "<regexp>", defaultValue = ".*",
            description = "Only list nodes whose status matches this regular expression.")
    String statusFilter;

    @Option(names = {"-segment", "--segment"}, paramLabel = "<value>", description = "Ignored: segments are an Enterprise feature.")
    String segment;

    @Option(names = {"-filter", "--filter"}, paramLabel = "<expression>", description = "Filter to use with the request.")
    String filter;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    MembersCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        Pattern status;
        try {
            status = Pattern.compile(statusFilter);
        } catch (PatternSyntaxException e) {
            return fail("Failed to compile status regexp: " + e.getDescription());
        }
        List<Member> members;
        try (ConsulClient consul = client()) {
            members = consul.agent().members(wan, filter);
        } catch (ConsulException e) {
            return fail("Error retrieving members: " + e.getMessage());
        }
        List<Member> shown = new ArrayList<>();
        for (Member m : members) {
            Member withDefaults = withDisplayTags(m);
            if (status.matcher(statusName(m.status())).find()) {
                shown.add(withDefaults);
            }
        }
        if (shown.isEmpty()) {
            return 2;
        }
        shown.sort(ORDER);
        info(TextTables.columnize(detailed ? detailedRows(shown) : standardRows(shown)));
        return 0;
    }

    /** Consul fills in the partition, and the segment ("<all>" for servers), before printing. */
    private static Member withDisplayTags(Member m) {
        Map<String, String> tags = new HashMap<>(m.tags() == null ? Map.of() : m.tags());
        if (tags.getOrDefault("ap", "").isEmpty()) {
            tags.put("ap", "default");
        }
        if (tags.get("ap").equals("default")) {
            if ("consul".equals(tags.get("role"))) {
                tags.put("segment", "<all>");
            } else if (tags.getOrDefault("segment", "").isEmpty()) {
                tags.put("segment", "<default>");
            }
        } else {
            tags.put("segment", "");
        }
        return new Member(m.name(), m.addr(), m.port(), tags, m.status(), m.protocolMin(), m.protocolMax(),
                m.protocolCur(), m.delegateMin(), m.delegateMax(), m.delegateCur());
    }

    /** Servers first, then the default partition, then by segment, partition and name. */
    private static final Comparator<Member> ORDER = Comparator
            .comparing((Member m) -> !"consul".equals(m.tags().get("role")))
            .thenComparing(m -> !isDefault(m.tags().get("ap")))
            .thenComparing(m -> m.tags().getOrDefault("segment", ""))
            .thenComparing(m -> m.tags().getOrDefault("ap", ""))
            .thenComparing(Member::name);

    private static boolean isDefault(String partition) {
        return partition == null || partition.isEmpty() || partition.equals("default");
    }

    static String statusName(int status) {
        return status >= 0 && status < STATUS.length ? STATUS[status] : "unknown";
    }

    /** Go's net.TCPAddr formatting: IPv6 in brackets. */
    static String hostPort(String addr, int port) {
        String host = addr == null ? "" : addr;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static List<String> standardRows(List<Member> members) {
        List<String> rows = new ArrayList<>();
        rows.add(String.join(TextTables.SEP, "Node", "Address", "Status", "Type", "Build", "Protocol", "DC",
                "Partition", "Segment"));
        for (Member m : members) {
            Map<String, String> t = m.tags();
            String build = t.getOrDefault("build", "");
            if (build.isEmpty()) {
                build = "< 0.3";
            } else if (build.indexOf(':') >= 0) {
                build = build.substring(0, build.indexOf(':'));
            }
            String type = switch (t.getOrDefault("role", "")) {
                case "node" -> "client";
                case "consul" -> "server";
                default -> null;
            };
            String addr = hostPort(m.addr(), m.port());
            if (type == null) {
                rows.add(String.join(TextTables.SEP, m.name(), addr, statusName(m.status()), "unknown", "", "", "",
                        "", ""));
            } else {
                rows.add(String.join(TextTables.SEP, m.name(), addr, statusName(m.status()), type, build,
                        t.getOrDefault("vsn", ""), t.getOrDefault("dc", ""), t.getOrDefault("ap", ""),
                        t.getOrDefault("segment", "")));
            }
        }
        return rows;
    }

    private static List<String> detailedRows(List<Member> members) {
        List<String> rows = new ArrayList<>();
        rows.add(String.join(TextTables.SEP, "Node", "Address", "Status", "Tags"));
        for (Member m : members) {
            List<String> pairs = new ArrayList<>();
            new TreeMap<>(m.tags()).forEach((k, v) -> pairs.add(k + "=" + v));
            rows.add(String.join(TextTables.SEP, m.name(), hostPort(m.addr(), m.port()), statusName(m.status()),
                    String.join(",", pairs)));
        }
        return rows;
    }
}
