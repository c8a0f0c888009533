package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Proxy and Connect blocks with every field Consul documents (plus fields Proconsul does not know, and a sidecar whose
 * proxy is partly the user's, partly filled in) registered through the agent API come back byte for byte from the
 * agent, catalog and health endpoints. The expected bodies in {@code golden/proxy/} were recorded from the code before
 * Proxy/Upstream/ServiceConnect became typed records. (The agent endpoints echo the client's key order of struct
 * fields; the catalog and health endpoints show keys sorted, as the Raft codec stores them; maps such as Config print
 * sorted everywhere, as Go prints a map.)
 */
class ProxyRoundTripIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A connect-proxy with every Proxy field, in the order Consul's Go client sends them, and an unknown field. */
    static final String FULL_PROXY = """
            {"Kind": "connect-proxy", "ID": "web-proxy", "Name": "web-proxy", "Port": 21000,
             "Proxy": {
               "EnvoyExtensions": [{"Name": "builtin/lua", "Required": true, "Arguments": {"Script": "x"}}],
               "DestinationServiceName": "web", "DestinationServiceID": "web-1",
               "LocalServiceAddress": "127.0.0.1", "LocalServicePort": 8080,
               "LocalServiceSocketPath": "/run/web.sock", "Mode": "transparent",
               "TransparentProxy": {"OutboundListenerPort": 15001, "DialedDirectly": true},
               "Config": {"protocol": "http", "bind_port": 21000, "nested": {"a": [1, 2.5, "x"], "b": null}},
               "Upstreams": [
                 {"DestinationType": "service", "DestinationNamespace": "default", "DestinationPartition": "default",
                  "DestinationPeer": "", "DestinationName": "db", "Datacenter": "dc2",
                  "LocalBindAddress": "127.0.0.2", "LocalBindPort": 9191, "Config": {"connect_timeout_ms": 1000},
                  "MeshGateway": {"Mode": "local"}, "CentrallyConfigured": false},
                 {"DestinationType": "prepared_query", "DestinationName": "geo", "LocalBindSocketPath": "/run/geo.sock",
                  "LocalBindSocketMode": "0700"},
                 {"DestinationName": "cache", "LocalBindPort": 6379, "Unknown": "kept"}],
               "MeshGateway": {"Mode": "remote"},
               "Expose": {"Checks": true, "Paths": [{"ListenerPort": 21500, "Path": "/metrics", "LocalPathPort": 9102,
                  "Protocol": "http", "ParsedFromCheck": false}]},
               "AccessLogs": {"Enabled": true, "DisableListenerLogs": false, "Type": "file", "Path": "/var/log/a.log",
                  "JSONFormat": "{}", "TextFormat": ""},
               "FutureField": {"x": 1}},
             "Connect": {"Native": false, "PeerMeta": {"SNI": ["a"]}}}""";

    /** A Connect-native service. */
    static final String NATIVE = """
            {"ID": "api-1", "Name": "api", "Port": 9090, "Connect": {"Native": true}}""";

    /** The documented sidecar with upstreams: the proxy's fields come partly from the user, partly from Consul. */
    static final String SIDECAR = """
            {"ID": "dash", "Name": "dash", "Port": 9002, "Connect": {"SidecarService": {"Proxy": {
               "Upstreams": [{"DestinationName": "counting", "LocalBindPort": 5000}],
               "Config": {"protocol": "tcp"}}}}}""";

    @Test
    void everyProxyFieldRoundTripsThroughAgentCatalogAndHealth() throws Exception {
        try (AgentProcess a = AgentProcess.startDev()) {
            assertThat(put(a, "/v1/agent/service/register", FULL_PROXY)).isEqualTo(200);
            assertThat(put(a, "/v1/agent/service/register", NATIVE)).isEqualTo(200);
            assertThat(put(a, "/v1/agent/service/register", SIDECAR)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    get(a, "/v1/catalog/services")).contains("\"web-proxy\"", "\"api\"", "\"dash-sidecar-proxy\""));

            SoftAssertions soft = new SoftAssertions();
            sameBytes(soft, "agent-web-proxy.json", get(a, "/v1/agent/service/web-proxy"));
            sameBytes(soft, "catalog-web-proxy.json", get(a, "/v1/catalog/service/web-proxy"));
            sameBytes(soft, "health-web-proxy.json", get(a, "/v1/health/service/web-proxy"));
            sameBytes(soft, "agent-api.json", get(a, "/v1/agent/service/api-1"));
            sameBytes(soft, "catalog-api.json", get(a, "/v1/catalog/service/api"));
            sameBytes(soft, "health-api.json", get(a, "/v1/health/service/api"));
            sameBytes(soft, "agent-dash-sidecar-proxy.json", get(a, "/v1/agent/service/dash-sidecar-proxy"));
            sameBytes(soft, "catalog-dash-sidecar-proxy.json", get(a, "/v1/catalog/service/dash-sidecar-proxy"));
            soft.assertAll();
        }
    }

    /** Indexes, the node's random ID and the dev agent's address change from run to run; nothing else may. */
    static String normalise(String body) {
        return body.replaceAll("\"(CreateIndex|ModifyIndex)\":\\d+", "\"$1\":0")
                .replaceAll("\"ID\":\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"", "\"ID\":\"<uuid>\"")
                .replaceAll("\"Node\":\"[^\"]*\"", "\"Node\":\"<node>\"")
                .replaceAll("\"ContentHash\":\"[0-9a-f]+\"", "\"ContentHash\":\"<hash>\"")
                .trim();
    }

    /** With {@code -Dgolden.update=true} (after a deliberate change) rewrites the expected body instead. */
    private static void sameBytes(SoftAssertions soft, String golden, String body) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/proxy", golden),
                    normalise(body) + "\n");
            return;
        }
        soft.assertThat(normalise(body)).as(golden).isEqualTo(golden(golden));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ProxyRoundTripIT.class.getResourceAsStream("/golden/proxy/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static String get(AgentProcess a, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(a.url(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int put(AgentProcess a, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(a.url(path)))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
