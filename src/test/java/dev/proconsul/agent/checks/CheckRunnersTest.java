package dev.proconsul.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each check type against a real local server on a free port. */
class CheckRunnersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void httpMapsStatusCodesAndSendsMethodHeadersAndBody() throws Exception {
        AtomicInteger code = new AtomicInteger(200);
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.set(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("X-Token") + " " + body);
            byte[] out = "all good".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code.get(), out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
            HttpProbe probe = new HttpProbe(url, "POST", Map.of("X-Token", List.of("t1")), "ping", false, "",
                    false);
            CheckResult ok = probe.run(TIMEOUT);
            assertThat(ok.status()).isEqualTo("passing");
            assertThat(ok.output()).contains("HTTP POST " + url + ": 200 OK Output: all good");
            assertThat(seen.get()).isEqualTo("POST t1 ping");
            code.set(429);
            assertThat(probe.run(TIMEOUT).status()).isEqualTo("warning");
            code.set(503);
            assertThat(probe.run(TIMEOUT).status()).isEqualTo("critical");
        } finally {
            server.stop(0);
        }
        CheckResult down = new HttpProbe("http://127.0.0.1:" + freePort() + "/", "", Map.of(), "", false, "", false)
                .run(TIMEOUT);
        assertThat(down.status()).isEqualTo("critical");
        assertThat(down.output()).containsIgnoringCase("refused");
    }

    @Test
    void httpRedirectsAreFollowedUnlessDisabled() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/old", ex -> {
            ex.getResponseHeaders().add("Location", "/new");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/new", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/old";
            assertThat(new HttpProbe(url, "GET", Map.of(), "", false, "", false).run(TIMEOUT).status())
                    .isEqualTo("passing");
            assertThat(new HttpProbe(url, "GET", Map.of(), "", false, "", true).run(TIMEOUT).status())
                    .isEqualTo("critical");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void tcpPassesWhenListeningAndFailsWhenNot() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckResult r = new TcpProbe("127.0.0.1:" + ss.getLocalPort()).run(TIMEOUT);
            assertThat(r.status()).isEqualTo("passing");
            assertThat(r.output()).isEqualTo("TCP connect 127.0.0.1:" + ss.getLocalPort() + ": Success");
        }
        assertThat(new TcpProbe("127.0.0.1:" + freePort()).run(TIMEOUT).status()).isEqualTo("critical");
    }

    @Test
    void udpPassesOnAnswerAndFailsOnPortUnreachable() throws Exception {
        try (DatagramSocket echo = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[64];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    echo.receive(p);
                    echo.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                } catch (Exception ignored) {
                    // closed
                }
            });
            assertThat(new UdpProbe("127.0.0.1:" + echo.getLocalPort()).run(TIMEOUT).status()).isEqualTo("passing");
            t.join(5000);
        }
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(new UdpProbe("127.0.0.1:" + closed).run(Duration.ofSeconds(2)).status()).isEqualTo("critical");
    }

    @Test
    void scriptExitCodesMapToStatuses() throws Exception {
        assertThat(new ScriptProbe(List.of("sh", "-c", "echo fine")).run(TIMEOUT))
                .isEqualTo(CheckResult.passing("fine\n"));
        assertThat(new ScriptProbe(List.of("sh", "-c", "exit 1")).run(TIMEOUT).status()).isEqualTo("warning");
        assertThat(new ScriptProbe(List.of("sh", "-c", "echo bad >&2; exit 2")).run(TIMEOUT))
                .isEqualTo(CheckResult.critical("bad\n"));
        CheckResult slow = new ScriptProbe(List.of("sleep", "30")).run(Duration.ofMillis(300));
        assertThat(slow.status()).isEqualTo("critical");
        assertThat(slow.output()).startsWith("Timed out");
    }

    @Test
    void ttlExpiresToCriticalAndReportsResetIt() {
        AtomicReference<CheckResult> last = new AtomicReference<>();
        TtlRunner ttl = new TtlRunner(Duration.ofMillis(300), (s, o) -> last.set(new CheckResult(s, o)));
        ttl.start();
        try {
            ttl.report("passing", "ok");
            assertThat(last.get()).isEqualTo(CheckResult.passing("ok"));
            await().atMost(Duration.ofSeconds(20)).until(() -> last.get().equals(CheckResult.critical("TTL expired")));
        } finally {
            ttl.close();
        }
    }

    @Test
    void intervalRunnerAppliesThresholds() throws Exception {
        AtomicReference<String> status = new AtomicReference<>("critical");
        AtomicReference<String> reported = new AtomicReference<>("none");
        StatusSink sink = new StatusThresholds((s, o) -> reported.set(s), 3, 0, 2);
        try (IntervalRunner r = new IntervalRunner("c", t -> new CheckResult(status.get(), ""),
                Duration.ofMillis(50), TIMEOUT, sink)) {
            r.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> reported.get().equals("critical"));
            status.set("passing");
            await().atMost(Duration.ofSeconds(20)).until(() -> reported.get().equals("passing"));
        }
    }

    @Test
    void thresholdsNeedConsecutiveResults() {
        AtomicReference<String> reported = new AtomicReference<>("none");
        StatusThresholds t = new StatusThresholds((s, o) -> reported.set(s), 2, 1, 3);
        t.update("passing", "");
        assertThat(reported.get()).isEqualTo("none");
        t.update("passing", "");
        assertThat(reported.get()).isEqualTo("passing");
        t.update("critical", "");
        assertThat(reported.get()).as("failures_before_warning=1").isEqualTo("warning");
        t.update("critical", "");
        t.update("critical", "");
        assertThat(reported.get()).isEqualTo("critical");
    }

    @Test
    void outputIsCutAt4KiB() {
        String big = "x".repeat(10_000);
        assertThat(OutputLimit.truncate(big, OutputLimit.DEFAULT_MAX)).hasSize(4096);
        assertThat(OutputLimit.truncate("é".repeat(3000), 4096).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(4096);
    }

    @Test
    void aliasAggregatesTheWorstStatus() {
        assertThat(AliasRunner.evaluate(List.of("passing", "warning"), "web").status()).isEqualTo("warning");
        assertThat(AliasRunner.evaluate(List.of("passing", "critical"), "web").status()).isEqualTo("critical");
        assertThat(AliasRunner.evaluate(List.of(), "web").status()).isEqualTo("passing");
        assertThat(AliasRunner.evaluate(null, "web").status()).isEqualTo("critical");
    }

    @Test
    void grpcAndH2PingAreCriticalAgainstNonHttp2Servers() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (var s = ss.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    } catch (Exception ignored) {
                        return;
                    }
                }
            });
            String target = "127.0.0.1:" + ss.getLocalPort();
            assertThat(new GrpcProbe(target + "/svc", false, false).run(TIMEOUT).status()).isEqualTo("critical");
            assertThat(new H2PingProbe(target, false, false).run(TIMEOUT).status()).isEqualTo("critical");
            t.join(5000);
        }
        assertThat(new GrpcProbe("127.0.0.1:" + freePort(), false, false).run(TIMEOUT).status())
                .isEqualTo("critical");
    }

    @Test
    void grpcHealthResponseDecoding() {
        assertThat(GrpcProbe.parseStatus(new byte[] {0, 0, 0, 0, 2, 0x08, 1})).isEqualTo(1);
        assertThat(GrpcProbe.parseStatus(new byte[] {0, 0, 0, 0, 2, 0x08, 2})).isEqualTo(2);
        assertThat(GrpcProbe.parseStatus(new byte[] {0, 0, 0, 0, 0})).isEqualTo(0);
        assertThat(GrpcProbe.parseStatus(new byte[] {0, 0, 0, 0, 2, 0x08})).isNull();
    }

    @Test
    void grpcWireDetails() {
        assertThat(GrpcProbe.grpcTimeout(Duration.ofSeconds(10))).isEqualTo("10000m");
        assertThat(GrpcProbe.grpcTimeout(Duration.ofDays(2))).isEqualTo("172800S");
        assertThat(GrpcProbe.percentDecode("unknown%20service%3A%20caf%C3%A9")).isEqualTo("unknown service: café");
        assertThat(GrpcProbe.percentDecode("100%")).isEqualTo("100%");
        assertThat(GrpcProbe.rpcError(5, "gone")).isEqualTo("rpc error: code = NotFound desc = gone");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
