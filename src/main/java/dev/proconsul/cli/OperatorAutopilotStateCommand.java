package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.AutopilotState;
import dev.proconsul.structs.GoDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code operator autopilot state}: Consul's "pretty" state report (servers sorted by ID). */
@Command(name = "state", customSynopsis = "proconsul operator autopilot state [options]",
        description = "Displays the current Autopilot state.")
final class OperatorAutopilotStateCommand extends ClientCommand {
    static final String SYNOPSIS = "Display the current Autopilot state";

    @Option(names = {"-format", "--format"}, paramLabel = "<value>", defaultValue = "pretty",
            description = "Output format {pretty}")
    String format;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    OperatorAutopilotStateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        AutopilotState state;
        try (ConsulClient consul = client()) {
            state = consul.operator().autopilotState(http.query().build());
        } catch (ConsulException e) {
            return fail("Error querying Autopilot state: " + e.getMessage());
        }
        if (!format.equals("pretty")) {
            return fail("Unknown format: " + format);
        }
        info(pretty(state));
        return 0;
    }

    /** Ends with a newline, to which the output adds its own (Consul prints the same blank last line). */
    static String pretty(AutopilotState s) {
        StringBuilder b = new StringBuilder();
        b.append("Healthy:                      ").append(s.healthy()).append('\n');
        b.append("Failure Tolerance:            ").append(s.failureTolerance()).append('\n');
        b.append("Optimistic Failure Tolerance: ").append(s.optimisticFailureTolerance()).append('\n');
        b.append("Leader:                       ").append(nullToEmpty(s.leader())).append('\n');
        b.append("Voters:\n");
        (s.voters() == null ? List.<String>of() : s.voters()).forEach(v -> b.append("   ").append(v).append('\n'));
        b.append("Servers:\n");
        new TreeMap<>(s.servers() == null ? Map.<String, AutopilotState.Server>of() : s.servers())
                .forEach((id, srv) -> server(b, srv));
        return b.toString();
    }

    private static void server(StringBuilder b, AutopilotState.Server srv) {
        b.append("   ").append(srv.id()).append('\n');
        line(b, "Name:            ", srv.name());
        line(b, "Address:         ", srv.address());
        line(b, "Version:         ", srv.version());
        line(b, "Status:          ", srv.status());
        line(b, "Node Type:       ", srv.nodeType());
        line(b, "Node Status:     ", srv.nodeStatus());
        line(b, "Healthy:         ", String.valueOf(srv.healthy()));
        line(b, "Last Contact:    ", srv.lastContact() == null || srv.lastContact().isEmpty() ? "0s"
                : srv.lastContact());
        line(b, "Last Term:       ", Long.toUnsignedString(srv.lastTerm()));
        line(b, "Last Index:      ", Long.toUnsignedString(srv.lastIndex()));
        if (srv.readReplica()) {
            line(b, "Read Replica:    ", "true");
        }
        if (srv.meta() != null && !srv.meta().isEmpty()) {
            b.append("      Meta\n");
            new TreeMap<>(srv.meta()).forEach((k, v) -> b.append("         ").append(GoDuration.quote(k))
                    .append(": ").append(GoDuration.quote(v)).append('\n'));
        }
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append("      ").append(label).append(nullToEmpty(value)).append('\n');
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
