package dev.proconsul.raft;

import static dev.proconsul.raft.RaftTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write acknowledged before the server process is killed with SIGKILL is there after a restart. */
class KillNineDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        RaftTestSupport.quietLogging();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--sun-misc-unsafe-memory-access") || arg.startsWith("--enable-native-access")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KillNineChild.class.getName(),
                dir.toString()));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lastAck = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; lastAck < 20 && (line = out.readLine()) != null; ) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no Ratis close
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(lastAck).as("acknowledged writes before the kill").isGreaterThanOrEqualTo(20);

        try (RatisRaftNode node = RatisRaftNode.builder().serverId("kill-nine").address("127.0.0.1:0")
                .storageDir(dir).raftMultiplier(1).build()) {
            node.start();
            for (int i = 0; i <= lastAck; i++) {
                assertThat(text(node.state().kvGet("acked/" + i, null).value())).as("key %d", i)
                        .isEqualTo("value-" + i);
            }
        }
    }
}
