package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.agent.AgentServices;
import dev.proconsul.agent.LocalState;
import dev.proconsul.http.AgentChecksHandler;
import dev.proconsul.http.AgentServicesHandler;
import dev.proconsul.structs.NodeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** services register/deregister and maint against a real agent HTTP API with local services, in-process. */
class ServicesMaintCommandsTest {
    private static final Map<String, String> UNREACHABLE = Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:1");

    @TempDir
    Path dir;
    private AgentServices services;
    private InProcessAgent agent;

    @BeforeEach
    void start() throws Exception {
        services = new AgentServices(new AgentServices.Settings("cli-node", false, false, 21000, 21255, null),
                new LocalState(), null);
        agent = new InProcessAgent(new AgentServicesHandler(services, "dc1"), new AgentChecksHandler(services));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        services.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(agent.env(), "", args);
    }

    private NodeService service(String id) {
        LocalState.LocalService s = services.state().service(id);
        return s == null ? null : s.service();
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void registersOneServiceFromFlags() {
        CliRun r = cli("services", "register", "-name=web", "-id=web-1", "-address=10.0.0.5", "-port=8080",
                "-tag=v1", "-tag", "primary", "-meta", "team=core", "-meta=tier=front");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Registered service: web\n");
        NodeService s = service("web-1");
        assertThat(s.service()).isEqualTo("web");
        assertThat(s.address()).isEqualTo("10.0.0.5");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.tags()).containsExactly("v1", "primary");
        assertThat(s.meta()).containsEntry("team", "core").containsEntry("tier", "front");
    }

    @Test
    void registersEveryServiceOfHclAndJsonFilesThenDeregistersThemByTheFiles() throws Exception {
        Path hcl = file("web.hcl", """
                service {
                  name = "web"
                  port = 80
                  tags = ["a"]
                  check {
                    ttl = "30s"
                  }
                }
                """);
        Path json = file("more.json", """
                {"services": [{"id": "db-1", "name": "db", "port": 5432},
                              {"name": "cache", "enable_tag_override": true}]}
                """);

        CliRun r = cli("services", "register", hcl.toString(), json.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Registered service: web\nRegistered service: db\nRegistered service: cache\n");
        assertThat(service("web").port()).isEqualTo(80);
        assertThat(service("db-1").service()).isEqualTo("db");
        assertThat(service("cache").enableTagOverride()).isTrue();
        assertThat(services.state().checks()).hasSize(1);

        CliRun d = cli("services", "deregister", hcl.toString(), json.toString());
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.out()).isEqualTo("Deregistered service: web\nDeregistered service: db-1\n"
                + "Deregistered service: cache\n");
        assertThat(services.state().services()).isEmpty();
    }

    @Test
    void deregistersById() {
        cli("services", "register", "-name=web");
        CliRun d = cli("services", "deregister", "-id", "web");
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.out()).isEqualTo("Deregistered service: web\n");
        assertThat(service("web")).isNull();
    }

    @Test
    void theAgentsRefusalIsReportedInOneLine() throws Exception {
        Path bad = file("bad.json", """
                {"service": {"name": "web", "check": {"http": "http://localhost/health"}}}
                """);
        CliRun r = cli("services", "register", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Error registering service \"web\": Unexpected response code: 400 (")
                .contains("Interval must be > 0").hasLineCount(1);

        CliRun unknown = cli("services", "deregister", "-id=nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("Error deregistering service \"nope\": Unexpected response code: 404")
                .hasLineCount(1);
    }

    @Test
    void aBrokenDefinitionFileNamesFileAndLine() throws Exception {
        Path bad = file("broken.hcl", """
                service {
                  name = "web"
                  port = = 80
                }
                """);
        CliRun r = cli("services", "register", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: " + bad + ":3").hasLineCount(1);
        assertThat(services.state().services()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "services register                  | Service registration requires at least one argument or flags.",
            "services register -bogus           | flag provided but not defined: -bogus",
            "services register -port=x -name=a  | invalid value \"x\" for flag -port: parse error",
            "services register -name=a -meta=x  | invalid value \"x\" for flag -meta: Missing \"=\" value in argument: x",
            "services deregister                | Service deregistration requires at least one argument or -id.",
            "services deregister -id=a f.hcl    | Service deregistration requires arguments or -id, not both.",
            "services register /no/such.hcl     | Error: /no/such.hcl: config file does not exist",
            "maint -enable -disable             | Only one of -enable or -disable may be provided",
            "maint -reason=x                    | Reason may only be provided with -enable",
            "maint -service=web                 | Service requires either -enable or -disable",
            "maint -bogus                       | flag provided but not defined: -bogus",
    })
    void badInvocationsFailWithOneLine(String args, String error) {
        CliRun r = cli(args.trim().split("\\s+"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(error + "\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnreachableAgentIsReported() {
        CliRun reg = CliRun.run(UNREACHABLE, "", "services", "register", "-name=web");
        assertThat(reg.exit()).isEqualTo(1);
        assertThat(reg.err()).startsWith("Error registering service \"web\": Put \"http://127.0.0.1:1/")
                .contains("connection refused").hasLineCount(1);
        CliRun maint = CliRun.run(UNREACHABLE, "", "maint", "-enable");
        assertThat(maint.exit()).isEqualTo(1);
        assertThat(maint.err()).startsWith("Error querying Consul agent: Get \"http://127.0.0.1:1/")
                .hasLineCount(1);
    }

    @Test
    void nodeMaintenanceIsEnabledListedAndDisabled() {
        CliRun on = cli("maint", "-enable", "-reason", "kernel upgrade");
        assertThat(on.exit()).as(on.err()).isZero();
        assertThat(on.out()).isEqualTo("Node maintenance is now enabled\n");

        CliRun list = cli("maint");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).isEqualTo("Node:\n  Name:   cli-node\n  Reason: kernel upgrade\n\n");

        CliRun off = cli("maint", "-disable");
        assertThat(off.out()).isEqualTo("Node maintenance is now disabled\n");
        assertThat(cli("maint").out()).isEmpty();
    }

    @Test
    void serviceMaintenanceIsEnabledListedAndDisabled() {
        cli("services", "register", "-name=web", "-id=web-1");
        CliRun on = cli("maint", "-enable", "-service=web-1", "-reason=deploy");
        assertThat(on.exit()).as(on.err()).isZero();
        assertThat(on.out()).isEqualTo("Service maintenance is now enabled\n");
        assertThat(cli("maint").out()).isEqualTo("Service:\n  ID:     web-1\n  Reason: deploy\n\n");

        CliRun off = cli("maint", "-disable", "-service=web-1");
        assertThat(off.out()).isEqualTo("Service maintenance is now disabled\n");
        assertThat(cli("maint").out()).isEmpty();

        CliRun unknown = cli("maint", "-enable", "-service=nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("Error enabling service maintenance: Unexpected response code: 404")
                .hasLineCount(1);
    }
}
