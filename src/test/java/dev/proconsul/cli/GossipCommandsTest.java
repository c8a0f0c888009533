package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.FakeConsul;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** join, force-leave, keygen and keyring against a fake agent: requests sent and Consul's output. */
class GossipCommandsTest {
    private static final String KEY = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=";
    private FakeConsul fake;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        fake = FakeConsul.start();
        env = Map.of("CONSUL_HTTP_ADDR", fake.address());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(env, "", args);
    }

    @Test
    void joinContactsEveryAddressAndCountsTheSuccesses() {
        fake.on("PUT", "/v1/agent/join/10.0.0.1", 200, "");
        fake.on("PUT", "/v1/agent/join/10.0.0.2:8301", 200, "");

        CliRun r = run("join", "10.0.0.1", "10.0.0.2:8301");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Successfully joined cluster by contacting 2 nodes.\n");
    }

    @Test
    void joinWanAsksForTheWanPoolAndFailsWhenNothingAnswered() {
        fake.on("PUT", "/v1/agent/join/10.0.0.9", 500, "dial tcp 10.0.0.9:8302: connection refused");

        CliRun r = run("join", "-wan", "10.0.0.9");

        assertThat(fake.lastRequest().query()).isEqualTo("wan=1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error joining address '10.0.0.9': ").contains("connection refused")
                .endsWith("Failed to join any nodes.\n");
        assertThat(run("join").err()).isEqualTo("At least one address to join must be specified.\n");
    }

    @Test
    void forceLeaveSendsPruneAndWan() {
        fake.on("PUT", "/v1/agent/force-leave/web-3", 200, "");

        CliRun r = run("force-leave", "-prune", "-wan", "web-3");

        assertThat(r.exit()).isZero();
        assertThat(fake.lastRequest().query()).isEqualTo("prune=1&wan=1");
        assertThat(run("force-leave").err()).isEqualTo("A single node name must be specified to force leave.\n");
    }

    @Test
    void forceLeaveErrorIsOneLine() {
        fake.on("PUT", "/v1/agent/force-leave/ghost", 500, "agent: No node found with name 'ghost'");

        CliRun r = run("force-leave", "ghost");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error force leaving: ").contains("No node found with name 'ghost'");
    }

    @Test
    void keygenPrintsA32ByteBase64Key() {
        CliRun r = run("keygen");

        assertThat(r.exit()).isZero();
        assertThat(Base64.getDecoder().decode(r.out().trim())).hasSize(32);
        assertThat(run("keygen").out()).isNotEqualTo(r.out());
    }

    @Test
    void keyringListPrintsEachPoolWithHoldersOverTotal() {
        fake.on("GET", "/v1/operator/keyring", 200, """
                [{"WAN": true, "Datacenter": "dc1", "Segment": "", "Messages": {},
                  "Keys": {"%1$s": 1}, "PrimaryKeys": {"%1$s": 1}, "NumNodes": 1},
                 {"WAN": false, "Datacenter": "dc1", "Segment": "", "Messages": {"n3": "key not installed"},
                  "Keys": {"%1$s": 2, "other=": 1}, "PrimaryKeys": {"%1$s": 2}, "NumNodes": 3}]"""
                .formatted(KEY));

        CliRun r = run("keyring", "-list", "-relay-factor=2");

        // keys sorted, where Go's map order would be random

        assertThat(r.exit()).isZero();
        assertThat(fake.lastRequest().query()).isEqualTo("relay-factor=2");
        assertThat(r.out()).isEqualTo("Gathering installed encryption keys...\n"
                + "\nWAN:\n  " + KEY + " [1/1]\n"
                + "\ndc1 (LAN):\n  ===> n3: key not installed\n  other= [1/3]\n  " + KEY + " [2/3]\n");
    }

    @Test
    void keyringInstallUseRemoveSendTheKeyWithTheirMethods() {
        fake.on("POST", "/v1/operator/keyring", 200, "");
        fake.on("PUT", "/v1/operator/keyring", 200, "");
        fake.on("DELETE", "/v1/operator/keyring", 200, "");

        assertThat(run("keyring", "-install", KEY).out()).isEqualTo("Installing new gossip encryption key...\n");
        assertThat(fake.lastRequest().method()).isEqualTo("POST");
        assertThat(fake.lastRequest().body()).isEqualTo("{\"Key\":\"" + KEY + "\"}");
        assertThat(run("keyring", "-use", KEY).out()).isEqualTo("Changing primary gossip encryption key...\n");
        assertThat(fake.lastRequest().method()).isEqualTo("PUT");
        assertThat(run("keyring", "-remove", KEY).out()).isEqualTo("Removing gossip encryption key...\n");
        assertThat(fake.lastRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void keyringRefusesConflictingOrMissingActionsAndBadRelayFactors() {
        assertThat(run("keyring", "-list", "-install", KEY).err()).isEqualTo("Only a single action is allowed\n");
        assertThat(run("keyring").exit()).isEqualTo(1);
        assertThat(run("keyring", "-list", "-relay-factor=9").err())
                .isEqualTo("Error parsing relay factor: Relay factor must be in range: [0, 5]\n");
        assertThat(run("keyring", "-install", KEY, "-local-only").err())
                .startsWith("Error validating local-only: ");
        assertThat(fake.requests()).isEmpty();
    }
}
