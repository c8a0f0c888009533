package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.structs.Versions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void noArgumentsListsCommandsLikeConsul() {
        CliRun r = CliRun.run();

        assertThat(r.exit()).isEqualTo(127);
        assertThat(r.out()).startsWith("Usage: proconsul [--version] [--help] <command> [<args>]\n\n"
                + "Available commands are:\n");
        // Names are padded to the longest ("force-leave"), then four spaces.
        assertThat(r.out()).contains("\n    agent          Runs a Consul agent\n")
                .contains("\n    force-leave    Forces a member of the cluster to enter the \"left\" state\n")
                .contains("\n    kv             Interact with the key-value store\n")
                .contains("\n    lock           Execute a command holding a lock\n")
                .contains("\n    maint          Controls node or service maintenance mode\n")
                .contains("\n    rtt            Estimates network round trip time between nodes\n")
                .contains("\n    services       Interact with services\n")
                .contains("\n    validate       Validate config files/directories\n")
                .contains("\n    watch          Watch for changes in Consul\n")
                .contains("\n    snapshot       Saves, restores and inspects snapshots of Consul server state\n")
                .contains("\n    version        Prints the Consul version\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "-help", "--help"})
    void helpFlagsPrintTheListingAndSucceed(String flag) {
        CliRun r = CliRun.run(flag);

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: proconsul");
    }

    @Test
    void unknownCommandPrintsTheListingAndFails() {
        CliRun r = CliRun.run("frobnicate");

        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("Available commands are:");
    }

    @Test
    void versionFirstLineIsTheConsulVersionScriptsParse() {
        CliRun r = CliRun.run("version");

        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("Consul v" + Versions.CONSUL_COMPATIBLE);
        assertThat(lines[1]).isEqualTo("Proconsul v" + Versions.PROCONSUL);
        assertThat(lines[2]).matches("Build Date \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(lines[3]).isEqualTo("Protocol 2 spoken by default, understands 2 to 3 (agent will "
                + "automatically use protocol >2 when speaking to compatible agents)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "-version", "--version"})
    void topLevelVersionFlagsRunVersion(String flag) {
        assertThat(CliRun.run(flag).out()).startsWith("Consul v" + Versions.CONSUL_COMPATIBLE + "\n");
    }

    @Test
    void versionJsonHasConsulsFields() throws Exception {
        CliRun r = CliRun.run("version", "-format=json");

        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("Version").asText()).isEqualTo(Versions.CONSUL_COMPATIBLE);
        assertThat(json.has("Revision")).isTrue();
        assertThat(json.path("Prerelease").asText()).isEmpty();
        assertThat(json.path("BuildDate").asText()).endsWith("Z");
        assertThat(json.path("RPC").path("Default").asInt()).isEqualTo(2);
        assertThat(json.path("RPC").path("Max").asInt()).isEqualTo(3);
        assertThat(r.out()).startsWith("{\n   \"Version\": ");
    }

    @Test
    void versionRejectsUnknownFormat() {
        CliRun r = CliRun.run("version", "-format", "xml");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Unknown format: xml\n");
    }

    @Test
    void badFlagIsOneGoStyleLineAndExitOne() {
        CliRun r = CliRun.run("kv", "get", "-bogus", "x");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("flag provided but not defined: -bogus\n");
        assertThat(r.out()).isEmpty();

        CliRun missing = CliRun.run("kv", "get", "-separator");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("flag needs an argument: -separator\n");
    }

    @Test
    void groupWithoutSubcommandPrintsItsHelpToStderrAndFails() {
        CliRun r = CliRun.run("kv");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Usage: proconsul kv <subcommand> [options] [args]")
                .contains("\n    delete    Removes data from the KV store\n")
                .contains("\n    put       Sets or updates data in the KV store");

        CliRun unknown = CliRun.run("catalog", "frob");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("    datacenters    Lists all known datacenters");

        CliRun help = CliRun.run("kv", "-h");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: proconsul kv");
    }

    @Test
    void subcommandHelpGoesToStdout() {
        CliRun r = CliRun.run("kv", "get", "-h");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: proconsul kv get [options] [KEY_OR_PREFIX]")
                .contains("-recurse").contains("-http-addr");
    }
}
