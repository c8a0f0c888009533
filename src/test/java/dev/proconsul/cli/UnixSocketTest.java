package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.QueryOptions;
import dev.proconsul.http.UnixSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent serving HTTP on a unix socket beside its TCP port ({@code addresses { http = "127.0.0.1
 * unix:///…/consul.sock" }}), answered by the CLI and by our Java client through {@code unix:///…} addresses.
 */
class UnixSocketTest {

    private static InProcessAgent agentOn(Path sock, UnixSocketOptions options) throws Exception {
        return InProcessAgent.withListeners(b -> b.bindAddress("unix://" + sock).unixSockets(options));
    }

    @Test
    void cliCommandsWorkOverTheSocketByFlagAndByEnvironment(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("consul.sock");
        try (InProcessAgent agent = agentOn(sock, UnixSocketOptions.NONE)) {
            CliRun put = CliRun.run(Map.of(), "", "kv", "put", "-http-addr=unix://" + sock, "greeting", "hello");
            assertThat(put.err()).isEmpty();
            assertThat(put.out()).isEqualTo("Success! Data written to: greeting\n");

            Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "unix://" + sock);
            CliRun get = CliRun.run(env, "", "kv", "get", "greeting");
            assertThat(get.exit()).isZero();
            assertThat(get.out()).isEqualTo("hello\n");
            CliRun detailed = CliRun.run(env, "", "kv", "get", "-detailed", "greeting");
            assertThat(detailed.out()).contains("Value            hello");

            // The same data over the TCP listener: one agent, two networks.
            assertThat(CliRun.run(agent.env(), "", "kv", "get", "greeting").out()).isEqualTo("hello\n");
            assertThat(CliRun.run(env, "", "members").out()).contains("cli-node");
        }
    }

    @Test
    void javaClientReadsWritesAndBlocksOverTheSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("consul.sock");
        try (InProcessAgent agent = agentOn(sock, UnixSocketOptions.NONE);
             ConsulClient consul = ConsulClient.builder(Map.of("CONSUL_HTTP_ADDR", "unix://" + sock)).build()) {
            assertThat(consul.kv().put("app/a", "1".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(consul.kv().put("app/b", new byte[0])).isTrue();
            var a = consul.kv().get("app/a");
            assertThat(a.value().orElseThrow().value()).asString(StandardCharsets.UTF_8).isEqualTo("1");
            assertThat(consul.kv().get("app/b").value().orElseThrow().value()).isNull();
            assertThat(consul.kv().get("app/missing").value()).isEmpty();
            assertThat(consul.kv().list("app/").value()).hasSize(2);

            // A blocking query parks on the socket and wakes on the write.
            long index = a.meta().lastIndex();
            CompletableFuture<byte[]> woke = CompletableFuture.supplyAsync(() -> consul.kv().get("app/a",
                    QueryOptions.builder().blocking(index, Duration.ofSeconds(30)).build())
                    .value().orElseThrow().value());
            consul.kv().put("app/a", "2".getBytes(StandardCharsets.UTF_8));
            assertThat(woke.get()).asString(StandardCharsets.UTF_8).isEqualTo("2");
        }
    }

    @Test
    void aStaleSocketFileIsReplacedAndTheModeApplied(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("consul.sock");
        Files.writeString(sock, "left behind by a crashed agent");
        try (InProcessAgent agent = agentOn(sock, new UnixSocketOptions("", "", "0600"))) {
            assertThat(Files.getPosixFilePermissions(sock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "unix://" + sock);
            assertThat(CliRun.run(env, "", "kv", "put", "k", "v").exit()).isZero();
        }
    }
}
