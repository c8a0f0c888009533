package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent -dev} keeps its data only while it runs: whatever it puts in the temp directory is gone after it
 * stops, whether by signal or by {@code leave}. Each agent gets a private {@code java.io.tmpdir} so the check sees
 * only what that agent created.
 */
class DevModeIT {

    private static AgentProcess startDevWithTmp(Path tmp, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-dev"));
        args.addAll(AgentProcess.freePortFlags());
        args.addAll(List.of(extra));
        return AgentProcess.start(args, Map.of("PROCONSUL_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp));
    }

    private static List<Path> contents(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void nothingLeftOnDiskAfterSigtermOrLeaveAndPidFileComesAndGoes(@TempDir Path root) throws Exception {
        Path tmpA = Files.createDirectory(root.resolve("tmp-a"));
        Path tmpB = Files.createDirectory(root.resolve("tmp-b"));
        Path pidFile = root.resolve("run/agent.pid");

        AgentProcess a;
        AgentProcess b;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<AgentProcess> fb = pool.submit(() -> startDevWithTmp(tmpB, "-node=dev-b"));
            a = startDevWithTmp(tmpA, "-node=dev-a", "-pid-file=" + pidFile);
            b = fb.get();
        }
        try (a; b) {
            for (AgentProcess agent : List.of(a, b)) {
                RawHttp.Response put = RawHttp.of(agent).put("/v1/kv/dev/data", "kept in memory only");
                assertThat(put.status()).as(put.toString()).isEqualTo(200);
            }
            // The private temp dirs are really the ones in use (else the checks below would prove nothing).
            assertThat(contents(tmpA)).isNotEmpty();
            assertThat(contents(tmpB)).isNotEmpty();

            assertThat(pidFile).exists();
            assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(a.process().pid()));

            assertThat(a.stop()).as("exit code after SIGTERM").isZero();
            assertThat(contents(tmpA)).as("left behind by a dev agent stopped with SIGTERM").isEmpty();
            assertThat(pidFile).doesNotExist();

            RawHttp.Response leave = RawHttp.of(b).put("/v1/agent/leave", "");
            assertThat(leave.status()).isEqualTo(200);
            assertThat(b.awaitExit(Duration.ofSeconds(60))).as("exit code after leave").isZero();
            assertThat(contents(tmpB)).as("left behind by a dev agent that left").isEmpty();
        }
    }
}
