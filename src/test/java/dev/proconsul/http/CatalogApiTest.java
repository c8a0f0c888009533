package dev.proconsul.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogApiTest extends ApiTestBase {

    @Test
    void serviceRowsAreFlattenedWithConsulFieldNames() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[\"v1\", \"prod\"]", "passing", "{\"rack\": \"a\"}");
        HttpResponse<byte[]> r = api.get("/v1/catalog/service/web");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode row = ApiClient.json(r).get(0);
        // agent/structs.ServiceNode's fields in its order; ServiceTaggedAddresses is omitempty (none here)
        assertThat(row.fieldNames()).toIterable().containsExactly(
                "ID", "Node", "Address", "Datacenter", "TaggedAddresses", "NodeMeta", "ServiceKind", "ServiceID",
                "ServiceName", "ServiceTags", "ServiceAddress", "ServiceWeights", "ServiceMeta", "ServicePort",
                "ServiceSocketPath", "ServiceEnableTagOverride", "ServiceProxy", "ServiceConnect", "ServiceLocality",
                "CreateIndex", "ModifyIndex");
        assertThat(row.get("Node").asText()).isEqualTo("n1");
        assertThat(row.get("Address").asText()).isEqualTo("10.0.0.1");
        assertThat(row.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(row.get("NodeMeta").get("rack").asText()).isEqualTo("a");
        assertThat(row.get("ServiceID").asText()).isEqualTo("web-1");
        assertThat(row.get("ServiceName").asText()).isEqualTo("web");
        assertThat(row.get("ServiceTags")).extracting(JsonNode::asText).containsExactly("v1", "prod");
        assertThat(row.get("ServicePort").asInt()).isEqualTo(8080);
        assertThat(row.get("ServiceWeights").get("Passing").asInt()).isEqualTo(1);
        assertThat(row.get("ServiceMeta").get("version").asText()).isEqualTo("1");
        assertThat(ApiClient.index(r)).isPositive();
        assertThat(r.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
        assertThat(r.headers().firstValue("X-Consul-LastContact")).hasValue("0");
        assertThat(r.headers().firstValue("X-Consul-Effective-Consistency")).hasValue("leader");
    }

    @Test
    void nodesServicesAndNodeViews() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[\"v1\"]", "passing", "{}");
        register("n2", "10.0.0.2", "db-1", "db", "[\"primary\"]", "passing", "{}");

        JsonNode nodes = ApiClient.json(api.get("/v1/catalog/nodes"));
        assertThat(nodes).extracting(n -> n.get("Node").asText()).containsExactly("n1", "n2");
        assertThat(nodes.get(0).get("TaggedAddresses").isNull()).as("nil map, as Consul").isTrue();
        assertThat(nodes.get(0).fieldNames()).toIterable().contains("ID", "Node", "Address", "Datacenter",
                "TaggedAddresses", "Meta", "CreateIndex", "ModifyIndex");

        JsonNode services = ApiClient.json(api.get("/v1/catalog/services"));
        assertThat(services.get("web")).extracting(JsonNode::asText).containsExactly("v1");
        assertThat(services.get("db")).extracting(JsonNode::asText).containsExactly("primary");

        JsonNode node = ApiClient.json(api.get("/v1/catalog/node/n1"));
        assertThat(node.get("Node").get("Node").asText()).isEqualTo("n1");
        assertThat(node.get("Services").get("web-1").get("Service").asText()).isEqualTo("web");

        JsonNode list = ApiClient.json(api.get("/v1/catalog/node-services/n1"));
        assertThat(list.get("Services").get(0).get("ID").asText()).isEqualTo("web-1");

        HttpResponse<byte[]> unknown = api.get("/v1/catalog/node/nope");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(unknown)).isEqualTo("null");

        assertThat(ApiClient.json(api.get("/v1/catalog/datacenters"))).extracting(JsonNode::asText)
                .containsExactly("dc1");
    }

    @Test
    void tagNodeMetaAndFilterNarrowResults() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[\"v1\"]", "passing", "{\"env\": \"prod\"}");
        register("n2", "10.0.0.2", "web-2", "web", "[\"v2\"]", "passing", "{\"env\": \"dev\"}");

        assertThat(ApiClient.json(api.get("/v1/catalog/service/web?tag=v2")))
                .extracting(n -> n.get("ServiceID").asText()).containsExactly("web-2");
        assertThat(ApiClient.json(api.get("/v1/catalog/service/web?node-meta=env:prod")))
                .extracting(n -> n.get("ServiceID").asText()).containsExactly("web-1");
        assertThat(ApiClient.json(api.get("/v1/catalog/nodes?node-meta=env:dev")))
                .extracting(n -> n.get("Node").asText()).containsExactly("n2");

        String filter = URLEncoder.encode("ServiceTags contains \"v1\"", StandardCharsets.UTF_8);
        assertThat(ApiClient.json(api.get("/v1/catalog/service/web?filter=" + filter)))
                .extracting(n -> n.get("ServiceID").asText()).containsExactly("web-1");
        String nodeFilter = URLEncoder.encode("Meta.env == dev", StandardCharsets.UTF_8);
        assertThat(ApiClient.json(api.get("/v1/catalog/nodes?filter=" + nodeFilter)))
                .extracting(n -> n.get("Node").asText()).containsExactly("n2");
        String svcFilter = URLEncoder.encode("ServiceTags contains \"v2\"", StandardCharsets.UTF_8);
        JsonNode services = ApiClient.json(api.get("/v1/catalog/services?filter=" + svcFilter));
        assertThat(services.get("web")).extracting(JsonNode::asText).containsExactly("v2");

        HttpResponse<byte[]> bad = api.get("/v1/catalog/nodes?filter=" + URLEncoder.encode("Node ==",
                StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(bad)).startsWith("Failed to create boolean expression evaluator: ");
    }

    @Test
    void deregisterRemovesServiceThenNode() throws Exception {
        register("n1", "10.0.0.1", "web-1", "web", "[]", "passing", "{}");
        HttpResponse<byte[]> r = api.put("/v1/catalog/deregister", "{\"Node\": \"n1\", \"ServiceID\": \"web-1\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/catalog/service/web"))).isEmpty();
        assertThat(ApiClient.json(api.get("/v1/catalog/nodes"))).hasSize(1);
        api.put("/v1/catalog/deregister", "{\"Node\": \"n1\"}");
        assertThat(ApiClient.json(api.get("/v1/catalog/nodes"))).isEmpty();
    }

    @Test
    void registerInputErrorsAre400() throws Exception {
        HttpResponse<byte[]> malformed = api.put("/v1/catalog/register", "{\"Node\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(malformed)).startsWith("Request decode failed: ");

        HttpResponse<byte[]> empty = api.put("/v1/catalog/register", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(empty)).isEqualTo("Request decode failed: EOF");

        HttpResponse<byte[]> noNode = api.put("/v1/catalog/register", "{\"Address\": \"1.2.3.4\"}");
        assertThat(noNode.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(noNode)).isEqualTo("Must provide node");

        HttpResponse<byte[]> otherDc = api.put("/v1/catalog/register",
                "{\"Datacenter\": \"dc9\", \"Node\": \"n\", \"Address\": \"1.2.3.4\"}");
        assertThat(otherDc.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(otherDc)).isEqualTo("No path to datacenter");

        HttpResponse<byte[]> get = api.get("/v1/catalog/register");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(ApiClient.text(get)).isEqualTo("method GET not allowed");
        assertThat(get.headers().firstValue("Allow")).hasValue("OPTIONS,PUT");
    }

    @Test
    void fieldNamesInBodiesAreCaseInsensitiveLikeGo() throws Exception {
        HttpResponse<byte[]> r = api.put("/v1/catalog/register",
                "{\"node\": \"lower\", \"address\": \"10.1.1.1\", \"service\": {\"service\": \"s\"}}");
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/v1/catalog/service/s")).get(0).get("ServiceID").asText())
                .isEqualTo("s");
    }
}
