package dev.proconsul.filter;

import static dev.proconsul.filter.FilterMatchTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The filtering examples of Consul's "API filtering" documentation, through apply/applyToValues. */
class FilterApplyTest {

    @Test
    void agentServicesFilteredByMapValue() throws FilterException {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        services.put("redis1", json("""
                {"ID": "redis1", "Service": "redis", "Tags": ["primary", "production"],
                 "Meta": {"env": "production", "foo": "bar"}, "Port": 1234}"""));
        services.put("redis2", json("""
                {"ID": "redis2", "Service": "redis", "Tags": ["secondary", "production"],
                 "Meta": {"env": "production", "foo": "bar"}, "Port": 1235}"""));
        services.put("redis3", json("""
                {"ID": "redis3", "Service": "redis", "Tags": ["primary", "qa"], "Meta": {"env": "qa"},
                 "Port": 1234}"""));

        assertThat(Filter.parse("Meta.env == \"qa\"").applyToValues(services, Function.identity()))
                .containsOnlyKeys("redis3");
        assertThat(Filter.parse("primary in Tags").applyToValues(services, Function.identity()).keySet())
                .containsExactly("redis1", "redis3");
        assertThat(Filter.parse("Port == 1234 and Meta.foo is not empty")
                .applyToValues(services, Function.identity())).containsOnlyKeys("redis1");
        assertThat(Filter.parse("").applyToValues(services, Function.identity())).isEqualTo(services);
    }

    @Test
    void catalogServiceFilteredByNodeMeta() throws FilterException {
        List<JsonNode> nodes = List.of(
                json("{\"Node\": \"node-1\", \"NodeMeta\": {\"os\": \"darwin\"}, \"ServiceTags\": [\"tag\"]}"),
                json("{\"Node\": \"node-2\", \"NodeMeta\": {\"os\": \"linux\"}, \"ServiceTags\": [\"test\", \"tag\"]}"),
                json("{\"Node\": \"node-4\", \"NodeMeta\": {\"os\": \"freebsd\"}, \"ServiceTags\": []}"));

        assertThat(Filter.parse("NodeMeta.os == \"linux\"").apply(nodes, Function.identity()))
                .extracting(n -> n.get("Node").asText()).containsExactly("node-2");
        assertThat(Filter.parse("ServiceTags is empty").apply(nodes, Function.identity()))
                .extracting(n -> n.get("Node").asText()).containsExactly("node-4");
    }

    @Test
    void healthNodeChecksFilteredByServiceName() throws FilterException {
        record Check(String id, String serviceName) {
        }
        List<Check> checks = List.of(new Check("node-health", ""), new Check("svc-web-health", "web"));
        Function<Check, JsonNode> toJson =
                c -> json("{\"CheckID\": \"" + c.id() + "\", \"ServiceName\": \"" + c.serviceName() + "\"}");

        assertThat(Filter.parse("ServiceName != \"\"").apply(checks, toJson))
                .containsExactly(new Check("svc-web-health", "web"));
    }

    @Test
    void applyReturnsAFreshListAndKeepsOrder() throws FilterException {
        List<Integer> numbers = new ArrayList<>(List.of(5, 1, 4, 2, 3));
        Function<Integer, JsonNode> toJson = n -> json("{\"N\": " + n + ", \"Odd\": " + (n % 2 == 1) + "}");
        List<Integer> odd = Filter.parse("Odd == true").apply(numbers, toJson);
        assertThat(odd).containsExactly(5, 1, 3);
        odd.clear();
        assertThat(numbers).hasSize(5);
    }

    @Test
    void exposesItsExpression() throws FilterException {
        Filter f = Filter.parse("Service == redis");
        assertThat(f.expression()).isEqualTo("Service == redis");
        assertThat(f.matchesEverything()).isFalse();
        assertThat(f.toString()).contains("Service == redis");
    }
}
