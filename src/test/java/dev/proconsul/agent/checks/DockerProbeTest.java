package dev.proconsul.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker checks against a fake engine on a unix socket: exec calls, exit-code mapping, output, no engine. */
class DockerProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private FakeDockerEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeDockerEngine(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
    }

    @ParameterizedTest
    @CsvSource({"0, passing", "1, warning", "2, critical", "137, critical"})
    void exitCodeMapsLikeAScriptCheck(int exitCode, String status) {
        engine.frames = List.of(FakeDockerEngine.frame(1, "out "), FakeDockerEngine.frame(2, "err"));
        engine.exitCode = exitCode;

        CheckResult r = new DockerProbe(engine.client(), "web-1", List.of("/bin/check", "--fast")).run(TIMEOUT);

        assertThat(r).isEqualTo(new CheckResult(status, "out err"));
    }

    @Test
    void createsStartsAndInspectsTheExecInTheNamedContainer() {
        new DockerProbe(engine.client(), "web-1", List.of("/bin/check", "--fast")).run(TIMEOUT);

        assertThat(engine.requests).extracting(FakeDockerEngine.Request::method, FakeDockerEngine.Request::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/containers/web-1/exec"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/exec/exec-1/start"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/exec/exec-1/json"));
        String create = engine.requests.get(0).body();
        assertThat(create).contains("\"Cmd\":[\"/bin/check\",\"--fast\"]").contains("\"AttachStdout\":true")
                .contains("\"AttachStderr\":true");
        assertThat(engine.requests.get(1).body()).contains("\"Detach\":false");
    }

    @Test
    void outputIsCutAtFourKibibytesAcrossFrames() {
        engine.frames = List.of(FakeDockerEngine.frame(1, "a".repeat(3000)),
                FakeDockerEngine.frame(2, "b".repeat(3000)), FakeDockerEngine.frame(1, "c".repeat(100)));

        CheckResult r = new DockerProbe(engine.client(), "web-1", List.of("check")).run(TIMEOUT);

        assertThat(r.status()).isEqualTo("passing");
        assertThat(r.output()).hasSize(OutputLimit.DEFAULT_MAX).startsWith("a".repeat(3000)).endsWith("b");
    }

    @Test
    void unknownContainerIsCriticalWithTheEngineMessage() {
        CheckResult r = new DockerProbe(engine.client(), "missing", List.of("check")).run(TIMEOUT);

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).contains("missing").contains("No such container: missing");
    }

    @Test
    void noEngineIsCriticalSayingDockerIsUnreachable() {
        DockerEngine nobody = new DockerEngine(UnixDomainSocketAddress.of(dir.resolve("nothing-here.sock")));

        CheckResult r = new DockerProbe(nobody, "web-1", List.of("check")).run(TIMEOUT);

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).startsWith("Unable to connect to Docker: ");
    }

    @Test
    void anEngineThatNeverAnswersTimesOutCritical() {
        engine.hangOnStart = true;

        CheckResult r = new DockerProbe(engine.client(), "web-1", List.of("check")).run(Duration.ofMillis(300));

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).contains("timed out");
    }

    @Test
    void engineAddressComesFromDockerHostLikeTheDockerCli() {
        assertThat(DockerEngine.fromEnvironment(Map.of()).address())
                .isEqualTo(UnixDomainSocketAddress.of("/var/run/docker.sock"));
        assertThat(DockerEngine.fromEnvironment(Map.of("DOCKER_HOST", "unix:///tmp/d.sock")).address())
                .isEqualTo(UnixDomainSocketAddress.of("/tmp/d.sock"));
        assertThat(DockerEngine.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375")).address())
                .isEqualTo(InetSocketAddress.createUnresolved("10.0.0.5", 2375));
        assertThatThrownBy(() -> DockerEngine.fromEnvironment(Map.of("DOCKER_HOST", "ssh://me@host")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unable to parse docker host");
    }

    @Test
    void aDockerCheckNeedsArgs() {
        assertThatThrownBy(() -> new DockerProbe(engine.client(), "web-1", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
