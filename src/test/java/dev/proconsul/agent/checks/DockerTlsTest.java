package dev.proconsul.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Docker checks against a TLS Docker engine on tcp://, configured through DOCKER_HOST, DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH ({ca,cert,key}.pem) as Docker's clients read them; the fake engine requires a client certificate
 * like {@code dockerd --tlsverify}.
 */
class DockerTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private TestCerts pki;
    private TestCerts.Issued client;
    private FakeDockerEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        pki = new TestCerts();
        client = pki.client();
        engine = new FakeDockerEngine(pki.server().context(pki.ca.cert()), true);
        engine.frames = List.of(FakeDockerEngine.frame(1, "all good"));
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
    }

    /** A DOCKER_CERT_PATH holding ca.pem, cert.pem and key.pem (key as PKCS#8 or in OpenSSL's traditional form). */
    private Path certDir(TestCerts ca, TestCerts.Issued who, boolean pkcs8Key) throws Exception {
        Path d = Files.createTempDirectory(dir, "certs");
        Files.writeString(d.resolve("ca.pem"), TestCerts.pem(ca.ca.cert()));
        Files.writeString(d.resolve("cert.pem"), TestCerts.pem(who.cert()));
        if (pkcs8Key) {
            Files.writeString(d.resolve("key.pem"), TestCerts.pem(who.keys().getPrivate()));
        } else {
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
                pw.writeObject(who.keys().getPrivate()); // "BEGIN RSA PRIVATE KEY" (PKCS#1), as openssl genrsa
            }
            Files.writeString(d.resolve("key.pem"), w.toString());
        }
        return d;
    }

    private Map<String, String> env(Path certs, String verify) {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", "tcp://127.0.0.1:" + engine.port());
        env.put("DOCKER_CERT_PATH", certs.toString());
        if (verify != null) {
            env.put("DOCKER_TLS_VERIFY", verify);
        }
        return env;
    }

    private CheckResult check(Map<String, String> env) {
        return new DockerProbe(DockerEngine.fromEnvironment(env), "web-1", List.of("/bin/check")).run(TIMEOUT);
    }

    @ParameterizedTest(name = "PKCS#8 key: {0}")
    @ValueSource(booleans = {true, false})
    void verifiedTlsWithAClientCertificateRunsTheExec(boolean pkcs8Key) throws Exception {
        TestCerts.Issued who = pkcs8Key ? client : pki.rsaClient();

        CheckResult r = check(env(certDir(pki, who, pkcs8Key), "1"));

        assertThat(r).isEqualTo(CheckResult.passing("all good"));
        assertThat(engine.clientSubjects).isNotEmpty().allMatch(s -> s.equals("CN=client"));
        assertThat(engine.requests).extracting(FakeDockerEngine.Request::path)
                .containsExactly("/containers/web-1/exec", "/exec/exec-1/start", "/exec/exec-1/json");
    }

    @Test
    void anEngineCertificateFromAnotherCaIsRefusedWhenVerifying() throws Exception {
        TestCerts other = new TestCerts();

        CheckResult r = check(env(certDir(other, other.client(), true), "1"));

        assertThat(r.status()).isEqualTo("critical");
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void withoutDockerTlsVerifyTheEngineCertificateIsNotChecked() throws Exception {
        // ca.pem is from another CA, but only DOCKER_CERT_PATH is set: TLS with the client certificate, no verify.
        TestCerts other = new TestCerts();
        Path certs = certDir(other, client, true);

        CheckResult r = check(env(certs, null));

        assertThat(r).isEqualTo(CheckResult.passing("all good"));
    }

    @Test
    void anEngineThatWantsAClientCertificateRefusesUsWithoutOne() throws Exception {
        Path certs = certDir(pki, client, true);
        Files.delete(certs.resolve("cert.pem"));
        Files.delete(certs.resolve("key.pem"));

        CheckResult r = check(env(certs, "1"));

        assertThat(r.status()).isEqualTo("critical");
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void aTlsEngineThatNeverAnswersTimesOutCritical() throws Exception {
        engine.hangOnStart = true;

        CheckResult r = new DockerProbe(DockerEngine.fromEnvironment(env(certDir(pki, client, true), "1")), "web-1",
                List.of("check")).run(Duration.ofMillis(500));

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).contains("timed out");
    }

    @Test
    void unreadableCertificatesAreAClearErrorNamingTheFile() throws Exception {
        Path certs = certDir(pki, client, true);
        Files.delete(certs.resolve("ca.pem"));
        Path half = certDir(pki, client, true);
        Files.delete(half.resolve("key.pem"));

        assertThatThrownBy(() -> DockerEngine.fromEnvironment(env(certs, "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(certs.resolve("ca.pem").toString());
        assertThatThrownBy(() -> DockerEngine.fromEnvironment(env(half, "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(half.resolve("key.pem").toString());
    }

    @Test
    void tlsOnlyWhenTheEnvironmentAsksForItAndOnlyOverTcp() throws Exception {
        Path certs = certDir(pki, client, true);
        assertThat(DockerEngine.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).usesTls()).isFalse();
        assertThat(DockerEngine.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2376",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString())).usesTls()).isTrue();
        assertThat(DockerEngine.fromEnvironment(Map.of("DOCKER_HOST", "unix:///tmp/d.sock",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString())).usesTls()).isFalse();
    }
}
