package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.GoDuration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code operator autopilot get-config}: Consul's {@code Key = value} lines. */
@Command(name = "get-config", customSynopsis = "proconsul operator autopilot get-config [options]",
        description = "Displays the current Autopilot configuration.")
final class OperatorAutopilotGetCommand extends ClientCommand {
    static final String SYNOPSIS = "Display the current Autopilot configuration";

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>(); // ignored, as Consul does

    OperatorAutopilotGetCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        AutopilotConfig c;
        try (ConsulClient consul = client()) {
            c = consul.operator().autopilotConfiguration(http.query().build());
        } catch (ConsulException e) {
            return fail("Error querying Autopilot configuration: " + e.getMessage());
        }
        info("CleanupDeadServers = " + c.cleanupDeadServers());
        info("LastContactThreshold = " + c.lastContactThreshold());
        info("MaxTrailingLogs = " + Long.toUnsignedString(c.maxTrailingLogs()));
        info("MinQuorum = " + Long.toUnsignedString(c.minQuorum()));
        info("ServerStabilizationTime = " + c.serverStabilizationTime());
        info("RedundancyZoneTag = " + GoDuration.quote(nullToEmpty(c.redundancyZoneTag())));
        info("DisableUpgradeMigration = " + c.disableUpgradeMigration());
        info("UpgradeVersionTag = " + GoDuration.quote(nullToEmpty(c.upgradeVersionTag())));
        return 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
