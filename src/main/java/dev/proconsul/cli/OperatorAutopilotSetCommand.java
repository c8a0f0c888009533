package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.OperatorClient;
import dev.proconsul.api.QueryOptions;
import dev.proconsul.api.WriteOptions;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.GoDuration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code operator autopilot set-config}: reads the configuration, changes only the fields whose flags were given,
 * and writes it back with {@code ?cas=ModifyIndex}, as Consul does.
 */
@Command(name = "set-config", customSynopsis = "proconsul operator autopilot set-config [options]",
        description = "Modifies the current Autopilot configuration.")
final class OperatorAutopilotSetCommand extends ClientCommand {
    static final String SYNOPSIS = "Modify the current Autopilot configuration";

    // Strings, null when not given: only the flags given change the configuration (Consul's flags.*Value.Merge).
    // Bool flags take an optional value ("-cleanup-dead-servers false" works, as Consul's argument rewriting allows).
    @Option(names = {"-cleanup-dead-servers", "--cleanup-dead-servers"}, arity = "0..1", fallbackValue = "true",
            paramLabel = "<true|false>", description = "Controls whether Consul will automatically remove dead "
                    + "servers when new ones are successfully added. Must be one of `true|false`.")
    String cleanupDeadServers;

    @Option(names = {"-max-trailing-logs", "--max-trailing-logs"}, paramLabel = "<value>",
            description = "Controls the maximum number of log entries that a server can trail the leader by before "
                    + "being considered unhealthy.")
    String maxTrailingLogs;

    @Option(names = {"-min-quorum", "--min-quorum"}, paramLabel = "<value>",
            description = "Sets the minimum number of servers required in a cluster before autopilot is allowed to "
                    + "prune dead servers.")
    String minQuorum;

    @Option(names = {"-last-contact-threshold", "--last-contact-threshold"}, paramLabel = "<duration>",
            description = "Controls the maximum amount of time a server can go without contact from the leader "
                    + "before being considered unhealthy. Must be a duration value such as `200ms`.")
    String lastContactThreshold;

    @Option(names = {"-server-stabilization-time", "--server-stabilization-time"}, paramLabel = "<duration>",
            description = "Controls the minimum amount of time a server must be stable in the 'healthy' state "
                    + "before being added to the cluster. Must be a duration value such as `10s`.")
    String serverStabilizationTime;

    @Option(names = {"-redundancy-zone-tag", "--redundancy-zone-tag"}, paramLabel = "<value>",
            description = "(Enterprise-only) Controls the node_meta tag name used for separating servers into "
                    + "different redundancy zones.")
    String redundancyZoneTag;

    @Option(names = {"-disable-upgrade-migration", "--disable-upgrade-migration"}, arity = "0..1",
            fallbackValue = "true", paramLabel = "<true|false>", description = "(Enterprise-only) Controls whether "
                    + "Consul will avoid promoting new servers until it can perform a migration.")
    String disableUpgradeMigration;

    @Option(names = {"-upgrade-version-tag", "--upgrade-version-tag"}, paramLabel = "<value>",
            description = "(Enterprise-only) The node_meta tag to use for version info when performing upgrade "
                    + "migrations. If left blank, the Consul version will be used.")
    String upgradeVersionTag;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    OperatorAutopilotSetCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() {
        Changes changes = parseFlags(); // before any request, as Go's flag parsing comes first
        try (ConsulClient consul = client()) {
            OperatorClient operator = consul.operator();
            AutopilotConfig current;
            try { // Consul ignores -stale here
                current = operator.autopilotConfiguration(QueryOptions.DEFAULT);
            } catch (ConsulException e) {
                return fail("Error querying Autopilot configuration: " + e.getMessage());
            }
            boolean stored;
            try {
                stored = operator.casAutopilotConfiguration(changes.applyTo(current), WriteOptions.DEFAULT);
            } catch (ConsulException e) {
                return fail("Error setting Autopilot configuration: " + e.getMessage());
            }
            if (stored) {
                info("Configuration updated!");
                return 0;
            }
            // Consul prints this on stdout, yet exits 1.
            info("Configuration could not be atomically updated, please try again");
            return 1;
        }
    }

    private Changes parseFlags() {
        return new Changes(
                cleanupDeadServers == null ? null : GoFlagValues.bool(cleanupDeadServers, "-cleanup-dead-servers"),
                maxTrailingLogs == null ? null : GoFlagValues.uint(maxTrailingLogs, "-max-trailing-logs"),
                minQuorum == null ? null : GoFlagValues.uint(minQuorum, "-min-quorum"),
                lastContactThreshold == null ? null : GoDuration.format(
                        GoFlagValues.duration(lastContactThreshold, "-last-contact-threshold")),
                serverStabilizationTime == null ? null : GoDuration.format(
                        GoFlagValues.duration(serverStabilizationTime, "-server-stabilization-time")),
                redundancyZoneTag,
                disableUpgradeMigration == null ? null
                        : GoFlagValues.bool(disableUpgradeMigration, "-disable-upgrade-migration"),
                upgradeVersionTag);
    }

    /** The flags that were given, parsed; null fields keep the current value. */
    private record Changes(Boolean cleanupDeadServers, Long maxTrailingLogs, Long minQuorum,
                           String lastContactThreshold, String serverStabilizationTime, String redundancyZoneTag,
                           Boolean disableUpgradeMigration, String upgradeVersionTag) {
        AutopilotConfig applyTo(AutopilotConfig c) {
            return new AutopilotConfig(
                    or(cleanupDeadServers, c.cleanupDeadServers()),
                    or(lastContactThreshold, c.lastContactThreshold()),
                    or(maxTrailingLogs, c.maxTrailingLogs()),
                    or(minQuorum, c.minQuorum()),
                    or(serverStabilizationTime, c.serverStabilizationTime()),
                    or(redundancyZoneTag, c.redundancyZoneTag()),
                    or(disableUpgradeMigration, c.disableUpgradeMigration()),
                    or(upgradeVersionTag, c.upgradeVersionTag()),
                    c.createIndex(), c.modifyIndex());
        }

        private static <T> T or(T given, T current) {
            return given != null ? given : current;
        }
    }
}
