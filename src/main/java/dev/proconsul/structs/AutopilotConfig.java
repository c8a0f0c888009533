package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Consul's autopilot configuration ({@code /v1/operator/autopilot/configuration}), stored through Raft. Durations
 * are Go duration strings ("200ms"), as Consul's API prints them.
 */
public record AutopilotConfig(
        @JsonProperty("CleanupDeadServers") boolean cleanupDeadServers,
        @JsonProperty("LastContactThreshold") String lastContactThreshold,
        @JsonProperty("MaxTrailingLogs") long maxTrailingLogs,
        @JsonProperty("MinQuorum") long minQuorum,
        @JsonProperty("ServerStabilizationTime") String serverStabilizationTime,
        @JsonProperty("RedundancyZoneTag") String redundancyZoneTag,
        @JsonProperty("DisableUpgradeMigration") boolean disableUpgradeMigration,
        @JsonProperty("UpgradeVersionTag") String upgradeVersionTag,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** Consul's defaults (agent/config/default.go). */
    public static final AutopilotConfig DEFAULTS =
            new AutopilotConfig(true, "200ms", 250, 0, "10s", "", false, "", 0, 0);

    public AutopilotConfig withIndexes(long create, long modify) {
        return new AutopilotConfig(cleanupDeadServers, lastContactThreshold, maxTrailingLogs, minQuorum,
                serverStabilizationTime, redundancyZoneTag, disableUpgradeMigration, upgradeVersionTag, create,
                modify);
    }
}
