package dev.proconsul.cli;

import java.util.Map;
import java.util.TreeMap;

/** The top-level commands, their synopses, and Consul's help listing format. */
final class CommandTable {
    record Entry(Class<?> type, String synopsis) {
    }

    static final Map<String, Entry> COMMANDS = new TreeMap<>(Map.ofEntries(
            Map.entry("agent", new Entry(AgentCommand.class, AgentCommand.SYNOPSIS)),
            Map.entry("catalog", new Entry(CatalogCommand.class, CatalogCommand.SYNOPSIS)),
            Map.entry("event", new Entry(EventCommand.class, EventCommand.SYNOPSIS)),
            Map.entry("force-leave", new Entry(ForceLeaveCommand.class, ForceLeaveCommand.SYNOPSIS)),
            Map.entry("info", new Entry(InfoCommand.class, InfoCommand.SYNOPSIS)),
            Map.entry("join", new Entry(JoinCommand.class, JoinCommand.SYNOPSIS)),
            Map.entry("keygen", new Entry(KeygenCommand.class, KeygenCommand.SYNOPSIS)),
            Map.entry("keyring", new Entry(KeyringCommand.class, KeyringCommand.SYNOPSIS)),
            Map.entry("kv", new Entry(KvCommand.class, KvCommand.SYNOPSIS)),
            Map.entry("leave", new Entry(LeaveCommand.class, LeaveCommand.SYNOPSIS)),
            Map.entry("lock", new Entry(LockCommand.class, LockCommand.SYNOPSIS)),
            Map.entry("maint", new Entry(MaintCommand.class, MaintCommand.SYNOPSIS)),
            Map.entry("members", new Entry(MembersCommand.class, MembersCommand.SYNOPSIS)),
            Map.entry("monitor", new Entry(MonitorCommand.class, MonitorCommand.SYNOPSIS)),
            Map.entry("operator", new Entry(OperatorCommand.class, OperatorCommand.SYNOPSIS)),
            Map.entry("reload", new Entry(ReloadCommand.class, ReloadCommand.SYNOPSIS)),
            Map.entry("rtt", new Entry(RttCommand.class, RttCommand.SYNOPSIS)),
            Map.entry("services", new Entry(ServicesCommand.class, ServicesCommand.SYNOPSIS)),
            Map.entry("snapshot", new Entry(SnapshotCommand.class, SnapshotCommand.SYNOPSIS)),
            Map.entry("validate", new Entry(ValidateCommand.class, ValidateCommand.SYNOPSIS)),
            Map.entry("version", new Entry(VersionCommand.class, VersionCommand.SYNOPSIS)),
            Map.entry("watch", new Entry(WatchCommand.class, WatchCommand.SYNOPSIS))));

    private CommandTable() {
    }

    /** What {@code proconsul} and {@code proconsul -h} print. */
    static String help() {
        Map<String, String> synopses = new TreeMap<>();
        COMMANDS.forEach((name, e) -> synopses.put(name, e.synopsis()));
        return "Usage: proconsul [--version] [--help] <command> [<args>]\n\nAvailable commands are:\n"
                + listing(synopses);
    }

    /** Names padded to the longest, four spaces each side, one per line, no final newline. */
    static String listing(Map<String, String> synopses) {
        int width = synopses.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        synopses.forEach((name, synopsis) -> {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("    ").append(name).append(" ".repeat(width - name.length())).append("    ").append(synopsis);
        });
        return sb.toString();
    }
}
