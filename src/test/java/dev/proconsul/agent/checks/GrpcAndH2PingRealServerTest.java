package dev.proconsul.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gRPC health and h2ping checks against a real gRPC server (Python grpcio), over h2c and over TLS with ALPN h2:
 * this is what exercises our HTTP/2 client on a peer that compresses headers, sends its own PINGs and SETTINGS,
 * and ends calls with trailers (or trailers only).
 */
class GrpcAndH2PingRealServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static GrpcHealthServer plain;
    private static GrpcHealthServer tls;

    @BeforeAll
    static void startServers() throws Exception {
        assumeTrue(GrpcHealthServer.available(),
                "Debian's python3-grpcio is not importable by /usr/bin/python3 (apt-get install -y python3-grpcio)");
        java.nio.file.Files.createDirectories(dir.resolve("plain"));
        plain = new GrpcHealthServer(dir.resolve("plain"), null);
        java.nio.file.Files.createDirectories(dir.resolve("tls"));
        tls = new GrpcHealthServer(dir.resolve("tls"), new TestCerts().server());
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (GrpcHealthServer s : new GrpcHealthServer[] {plain, tls}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "[{index}] service ''{0}'' tls={1}")
    @CsvSource({
        "'', false, passing, 'gRPC check 127.0.0.1:PORT: success'",
        "web, false, passing, 'gRPC check 127.0.0.1:PORT/web: success'",
        "down, false, critical, 'gRPC 127.0.0.1:PORT/down serving status: NOT_SERVING'",
        "unknown-status, false, critical, 'gRPC 127.0.0.1:PORT/unknown-status serving status: SERVICE_UNKNOWN'",
        "nosuch, false, critical, 'rpc error: code = NotFound desc = unknown service nosuch'",
        "'', true, passing, 'gRPC check 127.0.0.1:PORT: success'",
        "web, true, passing, 'gRPC check 127.0.0.1:PORT/web: success'",
        "down, true, critical, 'gRPC 127.0.0.1:PORT/down serving status: NOT_SERVING'",
        "nosuch, true, critical, 'rpc error: code = NotFound desc = unknown service nosuch'",
    })
    void grpcHealthCheckMapsTheServingStatus(String service, boolean useTls, String status, String output)
            throws Exception {
        GrpcHealthServer server = useTls ? tls : plain;

        CheckResult r = new GrpcProbe(server.target(service), useTls, true).run(TIMEOUT);

        assertThat(r).isEqualTo(new CheckResult(status, output.replace("PORT", Integer.toString(server.port))));
    }

    @Test
    void repeatedChecksKeepWorking() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(new GrpcProbe(plain.target("web"), false, false).run(TIMEOUT).status()).isEqualTo("passing");
            assertThat(new GrpcProbe(tls.target("down"), true, true).run(TIMEOUT).status()).isEqualTo("critical");
        }
    }

    @Test
    void grpcWithoutTlsAgainstTheTlsServerIsCritical() throws Exception {
        CheckResult r = new GrpcProbe(tls.target("web"), false, false).run(Duration.ofSeconds(3));

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).startsWith("rpc error: code = ");
    }

    @Test
    void grpcTlsVerifiesTheCertificateUnlessToldToSkip() throws Exception {
        CheckResult r = new GrpcProbe(tls.target("web"), true, false).run(TIMEOUT);

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).startsWith("rpc error: code = Unavailable");
    }

    @Test
    void grpcConnectionRefusedIsCritical() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        CheckResult r = new GrpcProbe("127.0.0.1:" + port + "/web", false, false).run(TIMEOUT);

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).startsWith("rpc error: code = Unavailable").contains("connection refused");
    }

    @Test
    void h2pingOverCleartextHttp2() throws Exception {
        CheckResult r = new H2PingProbe("127.0.0.1:" + plain.port, false, false).run(TIMEOUT);

        assertThat(r).isEqualTo(CheckResult.passing("HTTP2 ping was successful"));
    }

    @Test
    void h2pingOverTlsWithAlpnH2() throws Exception {
        CheckResult r = new H2PingProbe("127.0.0.1:" + tls.port, true, true).run(TIMEOUT);

        assertThat(r).isEqualTo(CheckResult.passing("HTTP2 ping was successful"));
    }

    @Test
    void h2pingOverTlsWithAnUntrustedCertificateIsCritical() throws Exception {
        CheckResult r = new H2PingProbe("127.0.0.1:" + tls.port, true, false).run(TIMEOUT);

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).startsWith("HTTP2 ping failed: ");
    }
}
