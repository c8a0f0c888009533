package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With ACLs disabled Consul answers every ACL endpoint {@code 401 ACL support disabled} (agent/acl_endpoint.go;
 * its TestACL_Disabled_Response), after the router's method check; clients (python-consul, consul-client, the Go
 * api) map that answer to "ACLs are disabled".
 */
class AclDisabledApiTest extends ApiTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.boundPort() + path))
                .method(method, body).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Every method of every ACL route, with an ID after the subtree patterns as a client would send. */
    private static List<String[]> calls() {
        List<String[]> out = new ArrayList<>();
        for (AclDisabledHandler.AclRoute r : AclDisabledHandler.ROUTES) {
            String path = r.pattern().endsWith("/") ? r.pattern() + "2c5c5b3e-7f4c-4f43-8a8b-1b2a3c4d5e6f"
                    : r.pattern();
            for (String m : r.methods()) {
                out.add(new String[] {m, path});
            }
        }
        return out;
    }

    @Test
    void everyAclEndpointAnswers401AclSupportDisabled() throws Exception {
        List<String[]> calls = calls();
        assertThat(calls).hasSizeGreaterThan(30);
        for (String[] c : calls) {
            HttpResponse<String> r = send(c[0], c[1]);
            assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(401);
            assertThat(r.body()).as(c[0] + " " + c[1]).isEqualTo("ACL support disabled");
        }
    }

    @Test
    void theEndpointsClientsProbeFirstAreCovered() throws Exception {
        List<String> probes = List.of("PUT /v1/acl/bootstrap", "GET /v1/acl/tokens", "GET /v1/acl/token/self",
                "GET /v1/acl/policies", "PUT /v1/acl/token", "DELETE /v1/acl/policy/p1",
                "GET /v1/acl/policy/name/global-management", "POST /v1/acl/login", "PUT /v1/agent/token/default",
                "POST /v1/internal/acl/authorize");
        for (String probe : probes) {
            String[] c = probe.split(" ");
            HttpResponse<String> r = send(c[0], c[1]);
            assertThat(r.statusCode()).as(probe).isEqualTo(401);
            assertThat(r.body()).as(probe).isEqualTo("ACL support disabled");
        }
    }

    @Test
    void theRouterStillChecksMethodsAndPathsFirst() throws Exception {
        HttpResponse<String> wrongMethod = send("GET", "/v1/acl/bootstrap");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("method GET not allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("OPTIONS,PUT");

        // Consul 1.11 removed the legacy endpoints; neither they nor made-up paths are ACL answers.
        assertThat(send("GET", "/v1/acl/list").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/v1/acl/create").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/acl/nope").statusCode()).isEqualTo(404);
    }
}
