package dev.proconsul.http;

import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts an HttpApiServer on a free port around a DirectRaftNode and the real StateStore. */
abstract class ApiTestBase {
    protected DirectRaftNode raft;
    /** The server side behind the API (the endpoints, their leader duties). */
    protected Server backend;
    protected FakeAgent agent;
    protected MetricsRegistry metrics;
    protected HttpApiServer server;
    protected ApiClient api;

    @BeforeEach
    void startServer() throws Exception {
        raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        agent = new FakeAgent(true);
        metrics = new MetricsRegistry();
        backend = Server.builder(raft).metrics(metrics).build();
        server = HttpApiServer.builder().agent(agent).endpoints(backend).bindAddress("127.0.0.1").port(0)
                .metrics(metrics).build();
        server.start();
        assertThat(server.boundPort()).isPositive();
        api = new ApiClient(server.boundPort());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
        backend.close();
    }

    /** Registers node (address 10.0.0.x) with a service and one check of the given status. */
    protected void register(String node, String address, String serviceId, String service, String tagsJson,
                            String checkStatus, String nodeMetaJson) throws Exception {
        String body = """
                {"Node": "%s", "Address": "%s", "NodeMeta": %s,
                 "Service": {"ID": "%s", "Service": "%s", "Tags": %s, "Port": 8080, "Meta": {"version": "1"}},
                 "Check": {"CheckID": "%s-check", "Name": "check", "Status": "%s", "ServiceID": "%s"}}
                """.formatted(node, address, nodeMetaJson, serviceId, service, tagsJson, serviceId, checkStatus,
                serviceId);
        HttpResponse<byte[]> r = api.put("/v1/catalog/register", body);
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        assertThat(ApiClient.text(r)).isEqualTo("true");
    }
}
