package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.SnapshotArchive;
import dev.proconsul.structs.SnapshotMeta;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotApiTest extends ApiTestBase {
    /** Reads whose bodies and X-Consul-Index must come back exactly after a restore. */
    private static final List<String> READS = List.of("/v1/kv/?recurse", "/v1/kv/app/config", "/v1/kv/?keys",
            "/v1/catalog/nodes", "/v1/catalog/services", "/v1/catalog/node/web-node", "/v1/health/service/web",
            "/v1/health/state/any", "/v1/connect/ca/roots");

    private void populate() throws Exception {
        register("web-node", "10.0.0.1", "web-1", "web", "[\"v1\"]", "passing", "{\"rack\":\"r1\"}");
        register("db-node", "10.0.0.2", "db-1", "db", "[]", "critical", "{}");
        assertThat(api.put("/v1/kv/app/config", "{\"threads\": 4}").statusCode()).isEqualTo(200);
        assertThat(api.put("/v1/kv/app/flags?flags=42", "").statusCode()).isEqualTo(200);
        assertThat(api.put("/v1/kv/gone", "x").statusCode()).isEqualTo(200);
        assertThat(api.delete("/v1/kv/gone").statusCode()).isEqualTo(200);
    }

    private Map<String, String> readAll() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : READS) {
            HttpResponse<byte[]> r = api.get(path);
            out.put(path, r.statusCode() + " index=" + r.headers().firstValue("X-Consul-Index").orElse("-") + " "
                    + ApiClient.text(r));
        }
        return out;
    }

    private byte[] save() throws Exception {
        HttpResponse<byte[]> r = api.get("/v1/snapshot");
        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<byte[]> restore(byte[] archive) throws Exception {
        return api.send("PUT", "/v1/snapshot", archive);
    }

    private void wipe() throws Exception {
        assertThat(api.delete("/v1/kv/?recurse").statusCode()).isEqualTo(200);
        assertThat(api.put("/v1/kv/new/key", "after the snapshot").statusCode()).isEqualTo(200);
        assertThat(api.put("/v1/catalog/deregister", "{\"Node\":\"web-node\"}").statusCode()).isEqualTo(200);
        register("other", "10.0.0.9", "cache-1", "cache", "[]", "passing", "{}");
    }

    @Test
    void saveWipeRestoreGivesByteIdenticalReads() throws Exception {
        populate();
        Map<String, String> before = readAll();
        byte[] archive = save();

        wipe();
        assertThat(readAll()).isNotEqualTo(before);
        HttpResponse<byte[]> r = restore(archive);

        assertThat(r.statusCode()).as(ApiClient.text(r)).isEqualTo(200);
        assertThat(readAll()).isEqualTo(before);
        // Writes go on working after the restore, at indexes above everything applied before it.
        long restoreIndex = raft.state().lastIndex();
        assertThat(api.put("/v1/kv/after", "1").statusCode()).isEqualTo(200);
        assertThat(ApiClient.index(api.get("/v1/kv/after"))).isGreaterThan(restoreIndex);
    }

    @Test
    void saveAnswersAGzipArchiveAtTheStoresIndex() throws Exception {
        populate();
        long index = raft.state().lastIndex();

        HttpResponse<byte[]> r = api.get("/v1/snapshot");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-gzip");
        assertThat(ApiClient.index(r)).isEqualTo(index);
        assertThat(r.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
        SnapshotArchive.Contents c = SnapshotArchive.read(new ByteArrayInputStream(r.body()), 1 << 26);
        assertThat(c.meta().index()).isEqualTo(index);
        assertThat(c.meta().version()).isEqualTo(1);
        assertThat(c.meta().size()).isEqualTo(c.state().length);
        assertThat(new String(c.state(), 0, 20, StandardCharsets.US_ASCII)).isEqualTo("PROCONSUL-SNAPSHOT 1");
        assertThat(api.get("/v1/snapshot?stale").statusCode()).isEqualTo(200);
        assertThat(api.get("/v1/snapshot?dc=elsewhere").statusCode()).isEqualTo(400);
        assertThat(api.delete("/v1/snapshot").statusCode()).isEqualTo(405);
    }

    @Test
    void restoreWakesParkedBlockingQueries() throws Exception {
        populate();
        byte[] archive = save();
        api.put("/v1/kv/app/config", "changed");
        long index = ApiClient.index(api.get("/v1/kv/app/config"));

        CompletableFuture<HttpResponse<byte[]>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/kv/app/config?index=" + index + "&wait=60s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // let it park; the assertion below does not depend on timing
        assertThat(restore(archive).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> woken = parked.get(30, TimeUnit.SECONDS);
        assertThat(ApiClient.json(woken).get(0).get("Value").asText()).isEqualTo("eyJ0aHJlYWRzIjogNH0=");
    }

    static Stream<Arguments> badArchives() throws Exception {
        byte[] state = "PROCONSUL-SNAPSHOT 1\n{\"LastIndex\":7,\"Nodes\":[{\"Node\":".getBytes(StandardCharsets.UTF_8);
        byte[] foreign = "\u0000consul msgpack state".getBytes(StandardCharsets.UTF_8);
        byte[] fine = "PROCONSUL-SNAPSHOT 1\n{\"LastIndex\":7}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("empty body", new byte[0], "Invalid snapshot: empty request body"),
                Arguments.of("not an archive", "{\"Key\":\"v\"}".getBytes(StandardCharsets.UTF_8),
                        "Invalid snapshot: not a gzip archive"),
                Arguments.of("state that does not parse", archive(state, 7), "Invalid snapshot: state does not load"),
                Arguments.of("state of another format", archive(foreign, 7), "Invalid snapshot: state does not load"),
                Arguments.of("meta index disagrees with the state", archive(fine, 99),
                        "Invalid snapshot: state is at index 7 but meta.json says 99"));
    }

    private static byte[] archive(byte[] state, long index) {
        return SnapshotArchive.toBytes(SnapshotMeta.of(index, 2, state.length, 1_700_000_000_000L), state);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArchives")
    void badArchivesAreRefusedAndLeaveTheStateAlone(String name, byte[] archive, String message) throws Exception {
        populate();
        Map<String, String> before = readAll();

        HttpResponse<byte[]> r = restore(archive);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(r)).startsWith(message);
        assertThat(readAll()).isEqualTo(before);
    }

    @Test
    void truncatedAndCorruptedArchivesAreRefusedAndLeaveTheStateAlone() throws Exception {
        populate();
        byte[] good = save();
        api.put("/v1/kv/app/config", "newer");
        Map<String, String> before = readAll();

        for (int cut : new int[] {10, good.length / 3, good.length / 2, good.length - 1}) {
            HttpResponse<byte[]> r = restore(Arrays.copyOf(good, cut));
            assertThat(r.statusCode()).as("cut at " + cut).isEqualTo(400);
            assertThat(ApiClient.text(r)).as("cut at " + cut).startsWith("Invalid snapshot: ");
        }
        for (int at : new int[] {20, good.length / 2, good.length - 6}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            HttpResponse<byte[]> r = restore(flipped);
            assertThat(r.statusCode()).as("flipped at " + at).isEqualTo(400);
        }
        assertThat(readAll()).isEqualTo(before);
    }
}
