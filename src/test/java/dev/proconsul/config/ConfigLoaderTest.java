package dev.proconsul.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private AgentConfig loadFiles(Path... files) throws ConfigException {
        return ConfigLoader.load(false, List.of(files), List.of(), Map.of());
    }

    @Test
    void consulDefaultsApplyWhenNothingIsSet() throws Exception {
        AgentConfig c = loadFiles(write("a.hcl", "data_dir = \"/var/lib/proconsul\"\n"));

        assertThat(c.datacenter()).isEqualTo("dc1");
        assertThat(c.ports()).isEqualTo(new Ports(8600, 8500, -1, -1, 8503, 8301, 8302, 8300,
                21000, 21255, 21500, 21755));
        assertThat(c.bindAddr()).isEqualTo("0.0.0.0");
        assertThat(c.clientAddr()).isEqualTo("127.0.0.1");
        assertThat(c.addresses()).isEqualTo(new Addresses("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1",
                "127.0.0.1"));
        assertThat(c.advertiseAddr()).isNull();
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.domain()).isEqualTo("consul.");
        assertThat(c.raft().multiplier()).isEqualTo(5);
        assertThat(c.sessionTtlMin()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.nodeName()).isNotBlank().isEqualTo(AgentConfigBuilder.hostname());
        assertThat(c.nodeId()).isNull();
        assertThat(c.server()).isFalse();
        assertThat(c.bootstrap()).isFalse();
        assertThat(c.uiEnabled()).isFalse();
        assertThat(c.connect().enabled()).isFalse();
        assertThat(c.leaveOnTerminate()).as("clients leave on terminate").isTrue();
        assertThat(c.skipLeaveOnInterrupt()).isFalse();
        assertThat(c.raft().snapshotThreshold()).isEqualTo(16384);
        assertThat(c.raft().snapshotInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.raft().trailingLogs()).isEqualTo(10240);
        assertThat(c.dataDir()).isEqualTo("/var/lib/proconsul");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void devModeDefaults() throws Exception {
        AgentConfig c = ConfigLoader.load(true, List.of(), List.of(), Map.of());

        assertThat(c.dev()).isTrue();
        assertThat(c.server()).isTrue();
        assertThat(c.bootstrap()).isTrue();
        assertThat(c.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(c.clientAddr()).isEqualTo("127.0.0.1");
        assertThat(c.advertiseAddr()).isEqualTo("127.0.0.1");
        assertThat(c.uiEnabled()).isTrue();
        assertThat(c.connect().enabled()).isTrue();
        assertThat(c.ports().grpc()).isEqualTo(8502);
        assertThat(c.ports().http()).isEqualTo(8500);
        assertThat(c.dataDir()).as("dev keeps data in memory").isNull();
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.raft().multiplier()).isEqualTo(1);
        assertThat(c.leaveOnTerminate()).isFalse();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void devDefaultsYieldToFilesAndFlags() throws Exception {
        Path f = write("dev.hcl", "log_level = \"warn\"\nports { grpc = 9502 }\n");
        AgentConfig c = ConfigLoader.load(true, List.of(f), List.of(), Map.of("bind_addr", "127.0.0.2"));
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.ports().grpc()).isEqualTo(9502);
        assertThat(c.bindAddr()).isEqualTo("127.0.0.2");
        assertThat(c.advertiseAddr()).isEqualTo("127.0.0.2");
    }

    @Test
    void serverWithoutDataDirIsRejectedOutsideDevMode() {
        assertThatThrownBy(() -> ConfigLoader.load(false, List.of(), List.of(), Map.of("server", true)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("data_dir cannot be empty");
    }

    @Test
    void configDirIsReadInLexicalOrderAndOnlyHclAndJson() throws Exception {
        Path dir = tmp.resolve("consul.d");
        write("consul.d/10-later.hcl", """
                datacenter = "second"
                node_meta { rack = "r2" }
                retry_join = ["b"]
                service { name = "api" }
                """);
        write("consul.d/02-first.json", """
                {"datacenter": "first", "data_dir": "/d", "ports": {"http": 1234},
                 "node_meta": {"zone": "z1", "rack": "r1"}, "retry_join": ["a"],
                 "service": {"name": "web", "port": 80}}
                """);
        write("consul.d/README.md", "this is { not config");
        write("consul.d/99-notes.txt", "neither = is this");
        Files.createDirectories(dir.resolve("sub.hcl"));

        AgentConfig c = ConfigLoader.load(false, List.of(), List.of(dir), Map.of());

        assertThat(c.datacenter()).isEqualTo("second");
        assertThat(c.ports().http()).isEqualTo(1234);
        assertThat(c.nodeMeta()).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "z1", "rack", "r2"));
        assertThat(c.gossip().retryJoin()).containsExactly("a", "b");
        assertThat(c.services()).extracting(s -> s.toPlain().get("name")).containsExactly("web", "api");
        assertThat(ConfigLoader.configDirFiles(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("02-first.json", "10-later.hcl");
    }

    @Test
    void flagsOverrideFilesAndFlagListsReplace() throws Exception {
        Path f = write("a.hcl", """
                data_dir = "/d"
                server = false
                ports {
                  http = 1000
                  dns  = 1053
                }
                retry_join = ["a"]
                """);
        Map<String, Object> flags = Map.of(
                "ports", Map.of("http", 2000),
                "server", true,
                "bootstrap_expect", 3,
                "retry_join", List.of("b"));

        AgentConfig c = ConfigLoader.load(false, List.of(f), List.of(), flags);

        assertThat(c.ports().http()).isEqualTo(2000);
        assertThat(c.ports().dns()).as("keys not given by a flag stay").isEqualTo(1053);
        assertThat(c.server()).isTrue();
        assertThat(c.bootstrapExpect()).isEqualTo(3);
        assertThat(c.gossip().retryJoin()).containsExactly("b");
        assertThat(c.leaveOnTerminate()).as("servers stay on terminate by default").isFalse();
        assertThat(c.skipLeaveOnInterrupt()).isTrue();
    }

    @Test
    void laterConfigFilesOverrideEarlierOnes() throws Exception {
        Path a = write("a.json", "{\"data_dir\": \"/d\", \"log_level\": \"debug\", \"retry_join\": [\"x\"]}");
        Path b = write("b.hcl", "log_level = \"trace\"\nretry_join = [\"y\"]\n");
        AgentConfig c = loadFiles(a, b);
        assertThat(c.logLevel()).isEqualTo("trace");
        assertThat(c.gossip().retryJoin()).containsExactly("x", "y");
    }

    @Test
    void unknownKeysAreRefusedAsConsulRefusesThem() throws Exception {
        Path f = write("a.hcl", """
                data_dir = "/d"
                foo = 1
                connect {
                  enabled = true
                  bogus = 2
                }
                ports { http = 1 }
                """);

        assertThatThrownBy(() -> ConfigLoader.load(false, List.of(f), List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("failed to parse " + f + ": 2 errors occurred:\n\t* invalid config key foo\n"
                        + "\t* invalid config key connect.bogus\n\n");
    }

    @Test
    void oneUnknownKeyInAJsonFileOrDeepInASectionIsOneError() throws Exception {
        Path json = write("b.json", "{\"data_dir\": \"/d\", \"tls\": {\"defaults\": {\"verify_everything\": true}}}");
        assertThatThrownBy(() -> ConfigLoader.load(false, List.of(json), List.of(), Map.of()))
                .hasMessage("failed to parse " + json
                        + ": 1 error occurred:\n\t* invalid config key tls.defaults.verify_everything\n\n");
        assertThatThrownBy(() -> ConfigLoader.load(false, List.of(), List.of(), Map.of("nope", "x")))
                .hasMessageStartingWith("failed to parse command line: 1 error occurred:");
    }

    @Test
    void keysOfFeaturesNotBuiltYetLoadWithOneWarningNamingEach() throws Exception {
        Path f = write("a.hcl", """
                data_dir = "/d"
                cert_file = "/c.pem"
                key_file = "/k.pem"
                primary_gateways = ["1.2.3.4:443"]
                ports { grpc = 8502 }
                acl {
                  enabled = true
                  tokens { initial_management = "root" }
                }
                telemetry { disable_hostname = true }
                tls { defaults { verify_incoming = true } }
                """);
        AgentConfig c = ConfigLoader.load(false, List.of(f), List.of(), Map.of());

        assertThat(c.warnings()).containsExactly("These config keys have no effect yet, their feature is not built: "
                + "cert_file, key_file, tls (TLS); acl (ACL enforcement); ports.grpc (gRPC and xDS); "
                + "primary_gateways (WAN federation through mesh gateways); telemetry (telemetry sinks)");
        assertThat(c.rawMap().get("acl"))
                .isEqualTo(Map.of("enabled", true, "tokens", Map.of("initial_management", "root")));
        assertThat(c.rawMap().get("tls")).isEqualTo(Map.of("defaults", Map.of("verify_incoming", true)));
    }

    @Test
    void devDefaultsAloneDrawNoWarning() throws Exception {
        // -dev sets ports.grpc itself: only what the user wrote is named.
        assertThat(ConfigLoader.load(true, List.of(), List.of(), Map.of()).warnings()).isEmpty();
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("a.hcl", "data_dir = \"/d\"\n\nports {\n  http = \"abc\"\n}\n",
                        ":4: ports.http: expected an integer, got \"abc\""),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nports { http = 70000 }\n",
                        ":2: ports.http: must be between -1 and 65535, got 70000"),
                Arguments.of("a.json", "{\n  \"data_dir\": \"/d\",\n  \"ports\": {\n    \"http\": \"abc\"\n  }\n}",
                        ":4: ports.http: expected an integer, got \"abc\""),
                Arguments.of("a.json", "{\"data_dir\": \"/d\", \"ports\": {\"dns\": 53.5}}",
                        ":1: ports.dns: expected an integer, got 53.5"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nbind_addr = \"not an ip!\"\n",
                        ":2: bind_addr: expected an IP address, host name or go-sockaddr template, got \"not an ip!\""),
                Arguments.of("a.hcl", "data_dir = \"/d\"\naddresses { http = \"1.2.3.999\" }\n",
                        ":2: addresses.http: expected an IP address"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nsession_ttl_min = \"10 parsecs\"\n",
                        ":2: session_ttl_min: time: unknown unit \" parsecs\" in duration \"10 parsecs\""),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nraft_snapshot_interval = 30\n",
                        ":2: raft_snapshot_interval: expected a duration such as \"10s\", got 30"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nserver = \"yes\"\n",
                        ":2: server: expected a boolean, got \"yes\""),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nlog_level = \"loud\"\n",
                        ":2: log_level: Invalid log level: \"loud\""),
                Arguments.of("a.hcl", "data_dir = \"/d\"\ndatacenter = \"dc 1\"\n",
                        ":2: datacenter: cannot be \"dc 1\". Please use only [a-z0-9-_]"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nbootstrap_expect = 3\n",
                        ":2: bootstrap_expect: 'bootstrap_expect > 0' requires 'server = true'"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nserver = true\nbootstrap = true\nbootstrap_expect = 3\n",
                        ":4: bootstrap_expect: 'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nencrypt = \"short\"\n",
                        ":2: encrypt: expected a base64-encoded key of 16, 24 or 32 bytes"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nperformance { raft_multiplier = 11 }\n",
                        ":2: performance.raft_multiplier: cannot be 11. Must be between 1 and 10"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nnode_id = \"abc\"\n",
                        ":2: node_id: expected a UUID, got \"abc\""),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nretry_join = [1]\n",
                        ":2: retry_join: expected a string, got 1"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nports { http = 1 }\nports { dns = 2 }\n",
                        ":3: ports: expected one block, got 2"),
                Arguments.of("a.hcl", "data_dir = \"/d\"\nports {\n sidecar_min_port = 30000\n}\n",
                        ":3: ports.sidecar_min_port: sidecar_min_port (30000) must not be greater than "
                                + "sidecar_max_port (21255)"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidValues")
    void invalidValuesNameFileLineAndKey(String name, String content, String expected) throws Exception {
        Path f = write(name, content);
        assertThatThrownBy(() -> loadFiles(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + expected);
    }

    @Test
    void invalidFlagValueNamesTheCommandLine() {
        assertThatThrownBy(() -> ConfigLoader.load(true, List.of(), List.of(), Map.of("ports", Map.of("http", "x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("command line: ports.http: expected an integer, got \"x\"");
    }

    @Test
    void hclSyntaxErrorNamesFileLineAndColumn() throws Exception {
        Path f = write("bad.hcl", "data_dir = \"/d\"\nports {\n  http = 8500\n");
        assertThatThrownBy(() -> loadFiles(f))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + ":4:2: object expected closing RBRACE got: EOF")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(4));
    }

    @Test
    void jsonSyntaxErrorNamesFileAndLine() throws Exception {
        Path f = write("bad.json", "{\n  \"data_dir\": \"/d\",\n  \"ports\": {\"http\": 8500,}\n}\n");
        assertThatThrownBy(() -> loadFiles(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":3:")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(3));
    }

    @Test
    void jsonTopLevelMustBeAnObject() throws Exception {
        Path f = write("list.json", "[1, 2]");
        assertThatThrownBy(() -> loadFiles(f))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + ":1:1: expected a JSON object at the top level, got a list");
    }

    @Test
    void jsonNullMeansUnset() throws Exception {
        Path f = write("n.json", """
                {"data_dir": "/d", "datacenter": null, "ports": {"http": null, "dns": 53},
                 "retry_join": null, "node_meta": null}
                """);
        AgentConfig c = loadFiles(f);
        assertThat(c.datacenter()).isEqualTo("dc1");
        assertThat(c.ports().http()).isEqualTo(8500);
        assertThat(c.ports().dns()).isEqualTo(53);
        assertThat(c.gossip().retryJoin()).isEmpty();
        assertThat(c.nodeMeta()).isEmpty();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void portZeroAndMinusOneAreKept() throws Exception {
        Path f = write("p.hcl", "data_dir = \"/d\"\nports {\n http = 0\n dns = -1\n https = 0\n grpc = 8502\n}\n");
        AgentConfig c = loadFiles(f);
        assertThat(c.ports().http()).isEqualTo(Ports.ANY_FREE);
        assertThat(c.ports().dns()).isEqualTo(Ports.DISABLED);
        assertThat(Ports.enabled(c.ports().dns())).isFalse();
        assertThat(c.ports().https()).isZero();
        assertThat(c.ports().grpc()).isEqualTo(8502);
    }

    @Test
    void durationsUseGoSyntax() throws Exception {
        Path f = write("d.hcl", """
                data_dir = "/d"
                session_ttl_min = "1m30s"
                raft_snapshot_interval = "1.5h"
                """);
        AgentConfig c = loadFiles(f);
        assertThat(c.sessionTtlMin()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.raft().snapshotInterval()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void hclAndJsonGiveTheSameTree() throws Exception {
        Path h = write("s.hcl", """
                data_dir = "/d"
                ports { http = 8501 }
                ui_config { enabled = true }
                connect { enabled = true }
                node_meta { rack = "r1" }
                service {
                  name = "web"
                  port = 80
                  tags = ["v1"]
                  check { http = "http://localhost/health" interval = "10s" }
                  connect { sidecar_service { proxy { upstreams { destination_name = "db" local_bind_port = 9191 } } } }
                }
                checks = [{ id = "c1", ttl = "30s" }]
                watches = [{ type = "key", key = "k", handler_type = "script", args = ["x"] }]
                """);
        Path j = write("s.json", """
                {"data_dir": "/d", "ports": {"http": 8501}, "ui_config": {"enabled": true},
                 "connect": {"enabled": true}, "node_meta": {"rack": "r1"},
                 "service": {"name": "web", "port": 80, "tags": ["v1"],
                   "check": {"http": "http://localhost/health", "interval": "10s"},
                   "connect": {"sidecar_service": {"proxy": {"upstreams": [
                     {"destination_name": "db", "local_bind_port": 9191}]}}}},
                 "checks": [{"id": "c1", "ttl": "30s"}],
                 "watches": [{"type": "key", "key": "k", "handler_type": "script", "args": ["x"]}]}
                """);
        assertThat(ConfigLoader.parseFile(h).toPlain()).isEqualTo(ConfigLoader.parseFile(j).toPlain());

        AgentConfig c = loadFiles(h);
        assertThat(c.ports().http()).isEqualTo(8501);
        assertThat(c.uiEnabled()).isTrue();
        assertThat(c.connect().enabled()).isTrue();
        assertThat(c.services()).hasSize(1);
        assertThat(c.services().get(0).toPlain().get("check"))
                .isEqualTo(Map.of("http", "http://localhost/health", "interval", "10s"));
        assertThat(c.checks()).extracting(n -> n.toPlain().get("id")).containsExactly("c1");
    }

    @Test
    void serviceDefinitionsKeepTheirPositions() throws Exception {
        Path f = write("svc.hcl", "data_dir = \"/d\"\n\nservice {\n  name = \"web\"\n  port = \"eighty\"\n}\n");
        ObjectNode svc = loadFiles(f).services().get(0);
        ConfigNode port = svc.get("port");
        assertThatThrownBy(() -> ValueReader.port(port, "service.port"))
                .hasMessage(f + ":5: service.port: expected an integer, got \"eighty\"");
    }

    @Test
    void configFileFormatComesFromTheExtension() throws Exception {
        Path conf = write("agent.conf", "data_dir = \"/d\"\ndatacenter = \"east\"\n");
        assertThatThrownBy(() -> loadFiles(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(conf + ": cannot tell the config format");
        AgentConfig c = ConfigLoader.load(false, List.of(conf), List.of(), Map.of(), "hcl");
        assertThat(c.datacenter()).isEqualTo("east");
    }

    @Test
    void missingConfigFileIsAnError() {
        Path missing = tmp.resolve("missing.hcl");
        assertThatThrownBy(() -> loadFiles(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": config file does not exist");
    }

    @Test
    void bootstrapExpectOfOneMeansBootstrap() throws Exception {
        Path f = write("b.hcl", "data_dir = \"/d\"\nserver = true\nbootstrap_expect = 1\n");
        AgentConfig c = loadFiles(f);
        assertThat(c.bootstrap()).isTrue();
        assertThat(c.bootstrapExpect()).isZero();
        assertThat(c.warnings()).anyMatch(w -> w.contains("BootstrapExpect is set to 1"));
    }

    @Test
    void addressesFallBackToClientAddrAndAcceptTemplatesAndHostNames() throws Exception {
        Path f = write("a.hcl", """
                data_dir = "/d"
                client_addr = "0.0.0.0 ::1"
                bind_addr = "{{ GetPrivateIP }}"
                advertise_addr = "node1.example.com"
                addresses { http = "unix:///tmp/consul.sock" }
                domain = "internal"
                """);
        AgentConfig c = loadFiles(f);
        assertThat(c.addresses().dns()).isEqualTo("0.0.0.0 ::1");
        assertThat(c.addresses().http()).isEqualTo("unix:///tmp/consul.sock");
        assertThat(c.bindAddr()).isEqualTo("{{ GetPrivateIP }}");
        assertThat(c.advertiseAddr()).isEqualTo("node1.example.com");
        assertThat(c.domain()).isEqualTo("internal.");
    }
}
