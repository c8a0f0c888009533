package dev.proconsul.bench.jmh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Weights;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON encoding of a health read ({@code GET /v1/health/service/:s}: node, service, checks per instance, each with
 * its meta and tagged-address maps) through the product's codec, which prints maps with sorted keys and Go's
 * struct shapes like Consul; {@code unsorted} is the anchor: a plain Jackson mapper with the codec's input settings
 * and insertion-ordered maps, i.e. what the codec cost before it sorted. {@code entries} = 1 is one instance, 100 a
 * large service.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HealthJsonEncodeBench {
    @Param({"1", "100"})
    int entries;

    @Param({"product", "unsorted"})
    String codec;

    private MethodHandle write;
    private ObjectWriter unsorted;
    private List<CheckServiceNode> reply;

    @Setup
    public void setUp() throws Exception {
        write = JsonCodecHandle.write();
        unsorted = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().writer();
        reply = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            Map<String, String> nodeMeta = ordered("rack", "r" + i % 4, "env", "prod", "az", "eu-west-1a");
            Map<String, String> tagged = ordered("wan", "198.18.0." + i % 250, "lan", "10.0.0." + i % 250);
            Node node = new Node("", "node-" + i, "10.0.0." + i % 250, "dc1", tagged, nodeMeta, 10 + i, 10 + i);
            Map<String, String> meta = ordered("version", "1.2." + i, "team", "payments", "commit", "abc123");
            NodeService svc = new NodeService("", "web-" + i, "web", List.of("v1", "primary"), "10.0.1." + i % 250,
                    null, meta, 8080, Weights.DEFAULT, false, null, null, 10 + i, 10 + i);
            List<HealthCheck> checks = List.of(
                    check("node-" + i, "serfHealth", "", "Serf Health Status"),
                    check("node-" + i, "service:web-" + i, "web-" + i, "web alive"));
            reply.add(new CheckServiceNode(node, svc, checks));
        }
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static HealthCheck check(String node, String id, String serviceId, String name) {
        return new HealthCheck(node, id, name, HealthCheck.PASSING, "", "HTTP GET http://10.0.1.1:8080/health: 200",
                serviceId, serviceId.isEmpty() ? "" : "web", List.of(), "http", "10s", "1s",
                Map.of(), 10, 10);
    }

    @Benchmark
    public byte[] encodeHealthRead() throws Throwable {
        if (codec.equals("product")) {
            return (byte[]) write.invokeExact((Object) reply, false);
        }
        return unsorted.writeValueAsBytes(reply);
    }
}
