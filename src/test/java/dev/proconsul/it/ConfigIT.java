package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.it.AgentProcess.CliResult;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agent configuration as users write it: HCL and JSON files, config directories read in lexical order, flags over
 * files; and configurations the agent must refuse, saying where the fault is.
 */
class ConfigIT {
    @TempDir
    Path dir;

    /** Free ports for everything the test does not set itself through a file. */
    private static List<String> freePortsExcept(String... setByFile) {
        List<String> flags = new ArrayList<>();
        for (String f : AgentProcess.freePortFlags()) {
            if (Stream.of(setByFile).noneMatch(f::startsWith)) {
                flags.add(f);
            }
        }
        return flags;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode self(AgentProcess agent) {
        RawHttp.Response r = RawHttp.of(agent).get("/v1/agent/self");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void hclFileSetsNamesAndPortsAndKeysOfUnbuiltFeaturesWarn() throws Exception {
        int httpPort = freePort();
        Path hcl = write("agent.hcl", """
                # a comment, as users write them
                node_name  = "hcl-node"
                datacenter = "hcl-dc"
                ports {
                  http = %d
                  dns  = -1
                }
                primary_gateways = ["192.0.2.10:8443"]
                """.formatted(httpPort));
        List<String> args = new ArrayList<>(List.of("-dev", "-config-file=" + hcl));
        args.addAll(freePortsExcept("-http-port", "-dns-port"));
        try (AgentProcess agent = AgentProcess.start(args)) {
            assertThat(agent.httpPort()).isEqualTo(httpPort);
            JsonNode self = self(agent);
            assertThat(self.at("/Config/NodeName").asText()).isEqualTo("hcl-node");
            assertThat(self.at("/Config/Datacenter").asText()).isEqualTo("hcl-dc");
            assertThat(self.at("/DebugConfig/HTTPPort").asInt()).isEqualTo(httpPort);
            assertThat(self.at("/DebugConfig/DNSPort").asInt()).isEqualTo(-1);
            assertThat(RawHttp.of(agent).get("/v1/catalog/datacenters").json().get(0).asText()).isEqualTo("hcl-dc");
            assertThat(agent.log()).anySatisfy(line -> assertThat(line)
                    .contains("[WARN]").contains("primary_gateways"));
        }
    }

    @Test
    void jsonFileWithFlagsOverridingIt() throws Exception {
        Path json = write("agent.json", """
                {
                  "node_name": "json-node",
                  "datacenter": "json-dc",
                  "ports": {"dns": -1},
                  "disable_update_check": true
                }
                """);
        List<String> args = new ArrayList<>(List.of("-dev", "-config-file=" + json, "-node=flag-node"));
        args.addAll(freePortsExcept("-dns-port"));
        try (AgentProcess agent = AgentProcess.start(args)) {
            JsonNode self = self(agent);
            assertThat(self.at("/Config/NodeName").asText()).as("the flag wins over the file").isEqualTo("flag-node");
            assertThat(self.at("/Config/Datacenter").asText()).as("the file fills what no flag sets").isEqualTo("json-dc");
            assertThat(self.at("/DebugConfig/DNSPort").asInt()).isEqualTo(-1);
        }
    }

    @Test
    void configDirIsReadInLexicalOrderLaterFilesWinning() throws Exception {
        Path confDir = dir.resolve("consul.d");
        write("consul.d/a-base.hcl", """
                node_name  = "from-a"
                datacenter = "dc-a"
                """);
        write("consul.d/b-override.json", """
                {"node_name": "from-b"}
                """);
        // "10" sorts before "b": lexical order, not numeric.
        write("consul.d/10-early.hcl", """
                node_name  = "from-10"
                datacenter = "dc-10"
                """);
        write("consul.d/c-last.hcl", """
                datacenter = "dc-c"
                """);
        write("consul.d/notes.txt", "not a config file { at all");
        List<String> args = new ArrayList<>(List.of("-dev", "-config-dir=" + confDir));
        args.addAll(AgentProcess.freePortFlags());
        try (AgentProcess agent = AgentProcess.start(args)) {
            JsonNode self = self(agent);
            assertThat(self.at("/Config/NodeName").asText()).isEqualTo("from-b");
            assertThat(self.at("/Config/Datacenter").asText()).isEqualTo("dc-c");
        }
    }

    @Test
    void unknownKeysAreRefusedInConsulsWords() throws Exception {
        Path hcl = write("unknown.hcl", """
                node_name = "x"
                not_a_consul_key = "whatever"
                """);
        List<String> args = new ArrayList<>(List.of("-dev", "-config-file=" + hcl));
        args.addAll(AgentProcess.freePortFlags());
        CliResult r = AgentProcess.runToExit(args);
        assertThat(r.exitCode()).as("stdout: %s\nstderr: %s", r.stdout(), r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("failed to parse " + hcl + ": 1 error occurred:")
                .contains("* invalid config key not_a_consul_key");
        assertThat(r.stdout()).doesNotContain("Consul agent running");
    }

    static Stream<Arguments> refusedConfigs() {
        return Stream.of(
                Arguments.of("syntax.hcl", "node_name = \"x\"\n\ndatacenter = = \"dc\"\n", ":3", "", "syntax error"),
                Arguments.of("value.hcl", "node_name = \"x\"\n\nports {\n  http = \"abc\"\n}\n", ":4", "http",
                        "a port that is not a number"),
                Arguments.of("syntax.json", "{\n  \"node_name\": \"x\",\n  \"ports\": {\"http\": }\n}\n", ":3", "",
                        "JSON syntax error"),
                Arguments.of("range.hcl", "ports {\n  http = 70000\n}\n", ":2", "http", "a port out of range"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("refusedConfigs")
    void badConfigIsRefusedWithFileLineAndKey(String name, String content, String line, String key, String what)
            throws Exception {
        Path file = write(name, content);
        List<String> args = new ArrayList<>(List.of("-dev", "-config-file=" + file));
        // No -http-port flag: it would override (and so hide) the file's bad port.
        args.addAll(freePortsExcept("-http-port"));
        CliResult r = AgentProcess.runToExit(args);
        assertThat(r.exitCode()).as("stdout: %s\nstderr: %s", r.stdout(), r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains(file + line).contains(key);
        assertThat(r.stdout()).doesNotContain("Consul agent running");
    }
}
