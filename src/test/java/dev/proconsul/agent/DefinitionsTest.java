package dev.proconsul.agent;

import dev.proconsul.structs.MeshGatewayConfig;
import dev.proconsul.structs.Upstream;
import dev.proconsul.structs.GoDuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigLoader;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.config.ValueReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service and check definitions decode the same from HCL and JSON, snake_case and CamelCase. */
class DefinitionsTest {
    /** The upstream of the dashboard's sidecar, with the DestinationType Consul fills in. */
    static final Upstream COUNTING_UPSTREAM = Upstream.builder().destinationType("service")
            .destinationName("counting").datacenter("k8s-dc").localBindPort(5000)
            .meshGateway(MeshGatewayConfig.of("local")).build();

    static final String DASHBOARD_HCL = """
            service {
              name = "dashboard-vm"
              port = 9003

              connect {
                sidecar_service {
                  proxy {
                    upstreams = [
                      {
                        destination_name = "counting"
                        datacenter = "k8s-dc"
                        local_bind_port = 5000
                        mesh_gateway {
                          mode = "local"
                        }
                      }
                    ]
                  }
                }
              }

              check {
                id       = "dashboard-check"
                http     = "http://localhost:9003/health"
                method   = "GET"
                interval = "1s"
                timeout  = "1s"
              }
            }
            """;

    static ServiceDefinition service(String text, String format) throws ConfigException {
        ObjectNode root = ConfigLoader.parse(text, "test." + format, format);
        ObjectNode svc = ValueReader.object(root.get("service"), "service");
        return ServiceDefinition.read(svc, "service");
    }

    @Test
    void dashboardHclDecodesWithSidecarUpstreamsAndHttpCheck() throws Exception {
        ServiceDefinition s = service(DASHBOARD_HCL, "hcl");
        assertThat(s.name()).isEqualTo("dashboard-vm");
        assertThat(s.port()).isEqualTo(9003);
        assertThat(s.sidecar()).isNotNull();
        assertThat(s.sidecar().proxy().upstreams()).containsExactly(COUNTING_UPSTREAM);
        assertThat(s.checks()).hasSize(1);
        CheckDefinition c = s.checks().get(0);
        assertThat(c.id()).isEqualTo("dashboard-check");
        assertThat(c.type()).isEqualTo("http");
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.serviceId()).isEqualTo("dashboard-vm");
    }

    @Test
    void jsonSnakeCaseAndCamelCaseGiveTheSameDefinition() throws Exception {
        ServiceDefinition snake = service("""
                {"service": {"name": "web", "tags": ["rails"], "port": 80, "enable_tag_override": true,
                  "meta": {"Some_Key": "v"},
                  "check": {"check_id": "web-ttl", "ttl": "30s", "deregister_critical_service_after": "1m"},
                  "connect": {"sidecar_service": {"proxy": {"upstreams": [{"destination_name": "db",
                     "local_bind_port": 9191}]}}}}}
                """, "json");
        ServiceDefinition camel = service("""
                {"service": {"Name": "web", "Tags": ["rails"], "Port": 80, "EnableTagOverride": true,
                  "Meta": {"Some_Key": "v"},
                  "Check": {"CheckID": "web-ttl", "TTL": "30s", "DeregisterCriticalServiceAfter": "1m"},
                  "Connect": {"SidecarService": {"Proxy": {"Upstreams": [{"DestinationName": "db",
                     "LocalBindPort": 9191}]}}}}}
                """, "json");
        assertThat(camel).isEqualTo(snake);
        assertThat(snake.meta()).containsEntry("Some_Key", "v"); // user keys are data, not translated
        assertThat(snake.checks().get(0).type()).isEqualTo("ttl");
        assertThat(snake.enableTagOverride()).isTrue();
    }

    @Test
    void simpleJsonDefinitionsFromTheIssue() throws Exception {
        ServiceDefinition web = service("{\"service\": {\"name\": \"web\", \"tags\": [\"rails\"], \"port\": 80}}",
                "json");
        assertThat(web.toNodeService().id()).isEqualTo("web");
        assertThat(web.toNodeService().tags()).containsExactly("rails");
        ServiceDefinition socat = service(
                "{\"service\": {\"name\": \"socat\", \"port\": 8181, \"connect\": {\"sidecar_service\": {}}}}", "json");
        assertThat(socat.sidecar()).isNotNull();
        assertThat(socat.sidecar().name()).isEmpty();
    }

    @Test
    void badInputNamesFileLineAndUsesConsulWording() {
        record Case(String text, String expected) {
        }
        List<Case> cases = List.of(
                new Case("service {\n  port = 80\n}\n", "test.hcl:1: service: Missing service name"),
                new Case("service {\n  name = \"a\"\n  check {\n    http = \"http://x\"\n  }\n}\n",
                        "test.hcl:3: service.check[0]: Invalid check: Interval must be > 0"),
                new Case("service {\n  name = \"a\"\n  check {\n    interval = \"1s\"\n  }\n}\n",
                        "Invalid check: Must provide TTL or Script"),
                new Case("service {\n  name = \"a\"\n  check {\n    ttl = \"ten\"\n  }\n}\n",
                        "test.hcl:4: service.check[0].ttl:"),
                new Case("service {\n  name = \"a\"\n  port = \"x\"\n}\n", "test.hcl:3: service.port: expected an integer"),
                new Case("service {\n  name = \"a\"\n  kind = \"bogus\"\n}\n", "Invalid service kind"));
        for (Case c : cases) {
            assertThatThrownBy(() -> service(c.text(), "hcl")).as(c.text())
                    .isInstanceOf(ConfigException.class).hasMessageContaining(c.expected());
        }
    }

    @Test
    void configDefinitionsRejectDuplicateIdsAndScriptsWhenDisabled() throws Exception {
        ObjectNode a = ConfigLoader.parse("{\"name\": \"a\", \"port\": 1}", "a.json", "json");
        ObjectNode b = ConfigLoader.parse("{\"id\": \"a\", \"name\": \"b\", \"port\": 2}", "b.json", "json");
        assertThatThrownBy(() -> ConfigDefinitions.decode(List.of(a, b), List.of(), false))
                .hasMessageContaining("b.json:1: service: duplicate service ID \"a\"");
        ObjectNode script = ConfigLoader.parse("{\"name\": \"s\", \"args\": [\"true\"], \"interval\": \"5s\"}",
                "c.json", "json");
        assertThatThrownBy(() -> ConfigDefinitions.decode(List.of(), List.of(script), false))
                .hasMessageContaining("c.json:1: Scripts are disabled on this agent");
        assertThat(ConfigDefinitions.decode(List.of(), List.of(script), true).checks()).hasSize(1);
    }

    @Test
    void goDurationsFormatLikeGo() {
        assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofMinutes(60))).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(GoDuration.format(null)).isEqualTo("0s");
    }
}
