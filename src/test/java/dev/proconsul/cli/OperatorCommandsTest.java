package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.FakeConsul;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** operator raft list-peers and operator autopilot get-config/set-config/state against a real HTTP API. */
class OperatorCommandsTest {
    private static final String DEFAULTS = """
            CleanupDeadServers = true
            LastContactThreshold = 200ms
            MaxTrailingLogs = 250
            MinQuorum = 0
            ServerStabilizationTime = 10s
            RedundancyZoneTag = ""
            DisableUpgradeMigration = false
            UpgradeVersionTag = ""
            """;

    private InProcessAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new InProcessAgent();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(agent.env(), "", args);
    }

    @Test
    void listPeersPrintsTheOneServerAsLeaderInConsulsColumns() {
        CliRun r = run("operator", "raft", "list-peers", "-stale");

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(""
                + "Node            ID              Address         State   Voter  RaftProtocol  Commit Index"
                + "  Trails Leader By\n"
                + "127.0.0.1:8300  127.0.0.1:8300  127.0.0.1:8300  leader  true   3             0"
                + "             -\n");
    }

    @Test
    void listPeersShowsHowFarEachFollowerTrails() {
        try (FakeConsul fake = FakeConsul.start()) {
            fake.on("GET", "/v1/operator/raft/configuration", 200, """
                    {"Servers": [
                      {"ID": "a", "Node": "alice", "Address": "10.0.0.1:8300", "Leader": false,
                       "ProtocolVersion": "3", "Voter": true, "LastIndex": 1166},
                      {"ID": "b", "Node": "bob", "Address": "10.0.0.2:8300", "Leader": true,
                       "ProtocolVersion": "3", "Voter": true, "LastIndex": 1167},
                      {"ID": "c", "Node": "carol", "Address": "10.0.0.3:8300", "Leader": false,
                       "ProtocolVersion": "", "Voter": false, "LastIndex": 1159}],
                     "Index": 12}""");

            CliRun r = CliRun.run(Map.of("CONSUL_HTTP_ADDR", fake.address()), "", "operator", "raft", "list-peers",
                    "-stale");

            assertThat(fake.lastRequest().query()).isEqualTo("stale=");
            assertThat(r.out()).isEqualTo(""
                    + "Node   ID  Address        State     Voter  RaftProtocol  Commit Index  Trails Leader By\n"
                    + "alice  a   10.0.0.1:8300  follower  true   3             1166          1 commit\n"
                    + "bob    b   10.0.0.2:8300  leader    true   3             1167          -\n"
                    + "carol  c   10.0.0.3:8300  follower  false  <=1           1159          8 commits\n");
        }
    }

    @Test
    void listPeersErrorIsOneLine() {
        try (FakeConsul fake = FakeConsul.start()) {
            fake.on("GET", "/v1/operator/raft/configuration", 500, "No cluster leader");

            CliRun r = CliRun.run(Map.of("CONSUL_HTTP_ADDR", fake.address()), "", "operator", "raft", "list-peers");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("Error getting peers: Failed to retrieve raft configuration: "
                    + "Unexpected response code: 500 (No cluster leader)\n");
        }
    }

    @Test
    void getConfigPrintsTheDefaults() {
        CliRun r = run("operator", "autopilot", "get-config");

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(DEFAULTS);
    }

    @Test
    void setConfigChangesOnlyTheFlagsGiven() {
        CliRun set = run("operator", "autopilot", "set-config", "-max-trailing-logs=300",
                "-cleanup-dead-servers", "false", "-server-stabilization-time", "1m30s");

        assertThat(set.err()).isEmpty();
        assertThat(set.exit()).isZero();
        assertThat(set.out()).isEqualTo("Configuration updated!\n");
        assertThat(run("operator", "autopilot", "get-config").out()).isEqualTo(DEFAULTS
                .replace("CleanupDeadServers = true", "CleanupDeadServers = false")
                .replace("MaxTrailingLogs = 250", "MaxTrailingLogs = 300")
                .replace("ServerStabilizationTime = 10s", "ServerStabilizationTime = 1m30s"));

        // A second change starts from the stored configuration, not the defaults.
        assertThat(run("operator", "autopilot", "set-config", "-min-quorum", "3").exit()).isZero();
        assertThat(run("operator", "autopilot", "get-config").out())
                .contains("MaxTrailingLogs = 300\nMinQuorum = 3\n");
    }

    @Test
    void setConfigWritesWithCasAndReportsALostRace() {
        try (FakeConsul fake = FakeConsul.start()) {
            fake.on("GET", "/v1/operator/autopilot/configuration", 200, """
                    {"CleanupDeadServers": true, "LastContactThreshold": "200ms", "MaxTrailingLogs": 250,
                     "MinQuorum": 0, "ServerStabilizationTime": "10s", "RedundancyZoneTag": "",
                     "DisableUpgradeMigration": false, "UpgradeVersionTag": "", "CreateIndex": 4,
                     "ModifyIndex": 17}""");
            fake.on("PUT", "/v1/operator/autopilot/configuration", 200, "false");

            CliRun r = CliRun.run(Map.of("CONSUL_HTTP_ADDR", fake.address()), "", "operator", "autopilot",
                    "set-config", "-last-contact-threshold=1s");

            assertThat(fake.lastRequest().query()).isEqualTo("cas=17");
            assertThat(fake.lastRequest().body()).contains("\"LastContactThreshold\":\"1s\"",
                    "\"MaxTrailingLogs\":250", "\"ServerStabilizationTime\":\"10s\"");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEqualTo("Configuration could not be atomically updated, please try again\n");
        }
    }

    @Test
    void badFlagValuesExitOneWithOneLine() {
        CliRun uint = run("operator", "autopilot", "set-config", "-max-trailing-logs=lots");
        assertThat(uint.exit()).isEqualTo(1);
        assertThat(uint.err()).isEqualTo("invalid value \"lots\" for flag -max-trailing-logs: "
                + "strconv.ParseUint: parsing \"lots\": invalid syntax\n");

        CliRun duration = run("operator", "autopilot", "set-config", "-last-contact-threshold", "soon");
        assertThat(duration.exit()).isEqualTo(1);
        assertThat(duration.err()).isEqualTo("invalid value \"soon\" for flag -last-contact-threshold: "
                + "time: invalid duration \"soon\"\n");

        CliRun bool = run("operator", "autopilot", "set-config", "-cleanup-dead-servers=maybe");
        assertThat(bool.exit()).isEqualTo(1);
        assertThat(bool.err()).isEqualTo("invalid boolean value \"maybe\" for -cleanup-dead-servers: "
                + "strconv.ParseBool: parsing \"maybe\": invalid syntax\n");

        CliRun unknown = run("operator", "raft", "list-peers", "-nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("flag provided but not defined: -nope\n");

        // Nothing was written.
        assertThat(run("operator", "autopilot", "get-config").out()).isEqualTo(DEFAULTS);
    }

    @Test
    void stateShowsTheLeaderAndItsServer() {
        CliRun r = run("operator", "autopilot", "state");

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Healthy:                      true\n")
                .contains("Leader:                       127.0.0.1:8300\nVoters:\n   127.0.0.1:8300\nServers:\n")
                .contains("      Status:          leader\n")
                .endsWith("\n\n");
        assertThat(run("operator", "autopilot", "state", "-format=yaml").err()).isEqualTo("Unknown format: yaml\n");
    }

    @Test
    void operatorWithoutSubcommandPrintsItsHelp() {
        CliRun r = run("operator", "autopilot");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Subcommands:\n    get-config    Display the current Autopilot configuration\n");
    }
}
