package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.ServiceConnect;
import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.CARootsRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    static CARoot root(String id, boolean active) {
        return new CARoot(id, "Consul CA Root Cert", 7, "aa:bb", "", "2025-01-01T00:00:00Z",
                "2035-01-01T00:00:00Z", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                List.of(), active, "ec", 256, 0, 0);
    }

    /** A store exercising every table, every index kind and awkward values. */
    static StateStore populated() {
        StateStore s = new StateStore();
        s.apply(2, new RegisterRequest("dc1", "11111111-2222-3333-4444-555555555555", "Node-1", "10.0.0.1",
                Map.of("lan", "10.0.0.1", "wan", "1.2.3.4"), Map.of("rack", "r1"),
                new NodeService("", "web1", "web", List.of("v1", "ü"), "10.0.0.5",
                        Map.of("lan", Map.of("Address", "10.0.0.5", "Port", 80)), Map.of("m", "1"), 80,
                        new Weights(3, 1), true, null, ServiceConnect.ofNative(true), 0, 0),
                null, List.of(new HealthCheck(null, "web-http", "HTTP", "passing", "n", "ok", "web1", null, null,
                        "http", "10s", "1s", Map.of("HTTP", "http://x/", "Header", Map.of("A", List.of("b"))), 0, 0),
                        check("serf", "Serf Health", "passing", null)), false));
        s.apply(3, withService("n2", "10.0.0.2", service("db1", "db", 5432)));
        s.apply(4, deregService("n2", "db1")); // leaves an extinction index
        s.apply(5, set("a/b", "hello"));
        s.apply(6, set("bin", null));
        s.apply(7, new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "flags", 42, new byte[] {0, (byte) 255, 10}, null, 0, 0)));
        s.apply(8, set("gone", "x"));
        s.apply(9, delete("gone"));
        s.apply(10, new CARootsRequest("cluster-uuid", List.of(root("r1", false), root("r2", true)),
                "-----BEGIN EC PRIVATE KEY-----\nsecret\n-----END EC PRIVATE KEY-----\n"));
        s.apply(12, set("a/b", "hello")); // no-op: lastIndex 12 but tables stay at earlier indexes
        return s;
    }

    static byte[] snapshot(StateStore s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeSnapshot(out);
        return out.toByteArray();
    }

    @Test
    void roundTripIsExact() throws IOException {
        StateStore original = populated();
        byte[] bytes = snapshot(original);
        StateStore copy = new StateStore();
        copy.apply(99, set("to-be-replaced", "x"));
        copy.restoreSnapshot(new ByteArrayInputStream(bytes));

        assertThat(snapshot(copy)).isEqualTo(bytes);
        assertThat(copy.lastIndex()).isEqualTo(12);
        assertThat(copy.kvGet("to-be-replaced", null).value()).isNull();
        // Every read answers the same, value and index.
        assertThat(copy.nodes(null)).isEqualTo(original.nodes(null));
        assertThat(copy.node("node-1", null)).isEqualTo(original.node("node-1", null));
        assertThat(copy.services(null)).isEqualTo(original.services(null));
        assertThat(copy.serviceNodes("web", null)).isEqualTo(original.serviceNodes("web", null));
        assertThat(copy.serviceNodes("db", null)).isEqualTo(original.serviceNodes("db", null));
        assertThat(copy.serviceNodes("db", null).index()).isEqualTo(4);
        assertThat(copy.checkServiceNodes("web", null)).isEqualTo(original.checkServiceNodes("web", null));
        assertThat(copy.nodeServices("Node-1", null)).isEqualTo(original.nodeServices("Node-1", null));
        assertThat(copy.checksInState("any", null)).isEqualTo(original.checksInState("any", null));
        assertThat(copy.serviceChecks("web", null)).isEqualTo(original.serviceChecks("web", null));
        assertThat(copy.kvKeys("", "", null)).isEqualTo(original.kvKeys("", "", null));
        assertThat(copy.kvList("gone", null).index()).isEqualTo(9);
        assertThat(copy.kvGet("bin", null).value().value()).isNull();
        assertThat(copy.kvGet("flags", null).value().value()).containsExactly(0, 255, 10);
        assertThat(copy.kvGet("flags", null).value().flags()).isEqualTo(42);
        assertThat(copy.caRoots(null)).isEqualTo(original.caRoots(null));
        assertThat(copy.caRoots(null).value().privateKeyPem()).contains("secret");
        assertThat(copy.caRoots(null).value().activeRootId()).isEqualTo("r2");
        // Writes continue from the restored state with correct index behaviour.
        copy.apply(13, set("a/b", "hello"));
        assertThat(copy.kvGet("a/b", null).index()).isEqualTo(5);
    }

    @Test
    void formatStartsWithMagicAndVersion() throws IOException {
        String text = new String(snapshot(populated()), StandardCharsets.UTF_8);
        assertThat(text).startsWith("PROCONSUL-SNAPSHOT 1\n{");
    }

    @Test
    void badSnapshotsAreRejectedAndLeaveTheStoreAlone() throws IOException {
        StateStore s = populated();
        byte[] before = snapshot(s);
        byte[] good = before.clone();
        List<byte[]> bad = List.of(
                "not a snapshot".getBytes(StandardCharsets.US_ASCII),
                "PROCONSUL-SNAPSHOT 99\n{}".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(good, good.length / 2),
                "PROCONSUL-SNAPSHOT 1\n{\"Nodes\":[null]}".getBytes(StandardCharsets.US_ASCII),
                new byte[0]);
        for (byte[] b : bad) {
            assertThatThrownBy(() -> s.restoreSnapshot(new ByteArrayInputStream(b))).isInstanceOf(IOException.class);
        }
        assertThat(snapshot(s)).isEqualTo(before);
    }
}
