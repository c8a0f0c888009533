package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent loads the definitions verbatim from -config-dir; services reach the catalog and health
 * endpoints; API registrations survive a restart; reload (CLI and SIGHUP) adds and removes services, and a broken
 * file changes nothing.
 */
class AgentServicesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private static JsonNode get(AgentProcess a, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(a.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static int put(AgentProcess a, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(a.url(path)))
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private List<String> args(Path conf, Path data) {
        List<String> args = new ArrayList<>(List.of("-server", "-bootstrap-expect=1", "-bind=127.0.0.1",
                "-client=127.0.0.1", "-node=it-node", "-data-dir=" + data, "-config-dir=" + conf));
        args.addAll(AgentProcess.freePortFlags());
        return args;
    }

    @Test
    void definitionsFromConfigDirReachCatalogAndHealthAndApiRegistrationsPersist() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("consul.d"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(conf.resolve("dashboard.hcl"), """
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
                """);
        Files.writeString(conf.resolve("web.json"), "{\"service\": {\"name\": \"web\", \"tags\": [\"rails\"], \"port\": 80}}");
        Files.writeString(conf.resolve("socat.json"),
                "{\"service\": {\"name\": \"socat\", \"port\": 8181, \"connect\": {\"sidecar_service\": {}}}}");

        try (AgentProcess a = AgentProcess.start(args(conf, data))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    get(a, "/v1/catalog/services").fieldNames()).toIterable().contains("dashboard-vm",
                    "dashboard-vm-sidecar-proxy", "web", "socat", "socat-sidecar-proxy"));
            JsonNode web = get(a, "/v1/catalog/service/web").get(0);
            assertThat(web.get("ServiceTags").get(0).asText()).isEqualTo("rails");
            assertThat(web.get("ServicePort").asInt()).isEqualTo(80);
            JsonNode proxy = get(a, "/v1/catalog/service/dashboard-vm-sidecar-proxy").get(0);
            assertThat(proxy.get("ServiceKind").asText()).isEqualTo("connect-proxy");
            assertThat(proxy.get("ServiceProxy").get("DestinationServiceName").asText()).isEqualTo("dashboard-vm");
            assertThat(proxy.get("ServiceProxy").get("Upstreams").get(0).get("LocalBindPort").asInt()).isEqualTo(5000);
            // Nothing listens on 9003: the HTTP check turns critical within its interval and timeout.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode checks = get(a, "/v1/health/checks/dashboard-vm");
                assertThat(checks.get(0).get("CheckID").asText()).isEqualTo("dashboard-check");
                assertThat(checks.get(0).get("Status").asText()).isEqualTo("critical");
            });
            assertThat(get(a, "/v1/health/service/web?passing").size()).isEqualTo(1);

            assertThat(put(a, "/v1/agent/service/register",
                    "{\"Name\": \"api-svc\", \"Port\": 7000, \"Check\": {\"TTL\": \"60s\", \"Status\": \"passing\"}}"))
                    .isEqualTo(200);
            assertThat(a.stop()).isZero();
        }
        try (AgentProcess b = AgentProcess.start(args(conf, data))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    get(b, "/v1/agent/services").has("api-svc")).isTrue());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    get(b, "/v1/catalog/service/api-svc").size()).isEqualTo(1));

            // Anti-entropy: a manual catalog deregistration is repaired.
            put(b, "/v1/catalog/deregister", "{\"Node\": \"it-node\", \"ServiceID\": \"web\"}");
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    get(b, "/v1/catalog/service/web").size()).isEqualTo(1));

            // Reload: remove web, add cache; a broken file first changes nothing.
            Files.writeString(conf.resolve("broken.hcl"), "service {\n  name = \"x\"\n  port = \"nope\"\n}\n");
            AgentProcess.CliResult bad = b.cli(new String[] {"reload"});
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.stderr()).contains("broken.hcl:3");
            assertThat(get(b, "/v1/agent/services").has("web")).isTrue();
            Files.delete(conf.resolve("broken.hcl"));
            Files.delete(conf.resolve("web.json"));
            Files.writeString(conf.resolve("cache.json"), "{\"service\": {\"name\": \"cache\", \"port\": 6379}}");
            AgentProcess.CliResult ok = b.cli(new String[] {"reload"});
            assertThat(ok.exitCode()).as(ok.stderr()).isZero();
            assertThat(ok.stdout()).contains("Configuration reload triggered");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode services = get(b, "/v1/catalog/services");
                assertThat(services.has("cache")).isTrue();
                assertThat(services.has("web")).isFalse();
                assertThat(services.has("api-svc")).isTrue();
            });

            // SIGHUP reloads too.
            Files.writeString(conf.resolve("web.json"), "{\"service\": {\"name\": \"web\", \"port\": 80}}");
            new ProcessBuilder("kill", "-HUP", Long.toString(b.process().pid())).start().waitFor();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    get(b, "/v1/catalog/services").has("web")).isTrue());
        }
    }

    /** DNS settings follow a reload too, and a broken DNS setting leaves both DNS and services as they were. */
    @Test
    void reloadAppliesDnsConfigAllOrNothing() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf-dns"));
        Files.writeString(conf.resolve("dns.hcl"), "dns_config { node_ttl = \"7s\" }\n");
        try (AgentProcess a = AgentProcess.start(args(conf, tmp.resolve("data-dns")))) {
            int dnsPort = awaitDnsPort(a);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(nodeTtl(dnsPort, "it-node")).isEqualTo(7));

            Files.writeString(conf.resolve("dns.hcl"), "dns_config { node_ttl = \"42s\" }\n");
            AgentProcess.CliResult ok = a.cli("reload");
            assertThat(ok.exitCode()).as(ok.stderr()).isZero();
            assertThat(nodeTtl(dnsPort, "it-node")).isEqualTo(42);

            Files.writeString(conf.resolve("dns.hcl"), "dns_config { node_ttl = \"soon\" }\n");
            Files.writeString(conf.resolve("web.json"), "{\"service\": {\"name\": \"web\", \"port\": 80}}");
            AgentProcess.CliResult bad = a.cli("reload");
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.stderr()).contains("dns.hcl:1");
            assertThat(nodeTtl(dnsPort, "it-node")).isEqualTo(42);
            assertThat(get(a, "/v1/agent/services").has("web")).isFalse();
        }
    }

    private static int awaitDnsPort(AgentProcess a) {
        java.util.regex.Pattern started =
                java.util.regex.Pattern.compile("Started DNS server: address=127\\.0\\.0\\.1:(\\d+) network=udp");
        int[] port = {0};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String line : a.log()) {
                java.util.regex.Matcher m = started.matcher(line);
                if (m.find()) {
                    port[0] = Integer.parseInt(m.group(1));
                }
            }
            return port[0] > 0;
        });
        return port[0];
    }

    private static long nodeTtl(int dnsPort, String node) throws Exception {
        org.xbill.DNS.SimpleResolver resolver = new org.xbill.DNS.SimpleResolver("127.0.0.1");
        resolver.setPort(dnsPort);
        org.xbill.DNS.Message q = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString(node + ".node.consul."), org.xbill.DNS.Type.A, org.xbill.DNS.DClass.IN));
        org.xbill.DNS.Message r = resolver.send(q);
        List<org.xbill.DNS.Record> answers = r.getSection(org.xbill.DNS.Section.ANSWER);
        assertThat(answers).as(r.toString()).isNotEmpty();
        return answers.get(0).getTTL();
    }
}
