package dev.proconsul.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Membership interop with a real HashiCorp Serf agent (Debian's {@code serf} package): Serf runs memberlist
 * underneath, so it must see us alive, and we must see it alive, failed after kill -9, left after a graceful leave.
 */
class SerfInteropTest {
    private static final String SERF = "/usr/bin/serf";
    private static final String KEY = "T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=";
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private Memberlist ours;

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        for (Path log : logs) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // temp file; best effort
            }
        }
        if (ours != null) {
            ours.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Agent(Process process, int rpcPort, Path log) {
    }

    private Agent serf(String node, String key, String joinAddr) throws IOException {
        return serf(node, key, joinAddr, freePort());
    }

    private Agent serf(String node, String key, String joinAddr, int bindPort) throws IOException {
        int rpc = freePort();
        Path log = Files.createTempFile("serf-" + node, ".log");
        logs.add(log);
        List<String> cmd = new ArrayList<>(List.of(SERF, "agent", "-node=" + node, "-bind=127.0.0.1:" + bindPort,
                "-rpc-addr=127.0.0.1:" + rpc, "-encrypt=" + key, "-log-level=debug"));
        if (joinAddr != null) {
            cmd.add("-join=" + joinAddr);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return new Agent(p, rpc, log);
    }

    private static String serfMembers(Agent a) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SERF, "members", "-rpc-addr=127.0.0.1:" + a.rpcPort())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private Memberlist ourNode(String name) throws IOException {
        return Memberlist.create(GossipConfig.builder(name).bind("127.0.0.1", 0)
                .timings(Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofMillis(100),
                        Duration.ofSeconds(5))
                .keyring(Keyring.of(KEY)).meta(new byte[0]).delegateVersions(new byte[] {2, 5, 4}).build(), null);
    }

    @Test
    void weJoinASerfAgentAndItSeesOurLeaveAndOurFailure() throws Exception {
        assumeTrue(new File(SERF).canExecute(), "Debian's serf package is not installed");
        int serfPort = freePort();
        Agent s = serf("serf-host", KEY, null, serfPort);
        ours = ourNode("leaver");
        Memberlist crasher = ourNode("crasher");
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                ours.join(List.of("127.0.0.1:" + serfPort));
                crasher.join(List.of("127.0.0.1:" + serfPort));
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String members = serfMembers(s);
                assertThat(members).containsPattern("leaver\\s+127\\.0\\.0\\.1:\\d+\\s+alive")
                        .containsPattern("crasher\\s+127\\.0\\.0\\.1:\\d+\\s+alive");
            });
            ours.leave(Duration.ofSeconds(3));
            // Serf shows "left" only after its own leave intent (the Serf layer, not built yet); at the
            // memberlist level our leave must arrive as our dead-by-ourselves message, not be found by probing
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(serfMembers(s))
                    .as(Files.readString(s.log()))
                    .containsPattern("leaver\\s+127\\.0\\.0\\.1:\\d+\\s+(left|failed)"));
            crasher.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serfMembers(s))
                    .as(Files.readString(s.log()))
                    .containsPattern("crasher\\s+127\\.0\\.0\\.1:\\d+\\s+failed"));
            // memberlist logs any packet or stream of ours it cannot decode, decrypt or decompress as [ERR]
            assertThat(Files.readString(s.log())).doesNotContain("Suspect leaver").doesNotContain("[ERR] memberlist");
        } finally {
            crasher.close();
        }
    }

    private NodeState stateOf(String name) {
        return ours.members().stream().filter(m -> m.name().equals(name)).map(Member::state).findFirst()
                .orElse(null);
    }

    @Test
    void serfAgentJoinsUsAndFailureAndLeaveAreSeen() throws Exception {
        assumeTrue(new File(SERF).canExecute(), "Debian's serf package is not installed");
        ours = ourNode("proconsul");

        Agent s1 = serf("serf1", KEY, ours.address());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(stateOf("serf1")).as(Files.readString(s1.log())).isEqualTo(NodeState.ALIVE);
            assertThat(serfMembers(s1)).containsPattern("proconsul\\s+127\\.0\\.0\\.1:\\d+\\s+alive");
        });

        Agent wrong = serf("serf-wrong", "AAAAAAAAAAAAAAAAAAAAAA==", ours.address());
        assertThat(wrong.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.process().exitValue()).isNotZero();
        assertThat(stateOf("serf-wrong")).isNull();

        Process leave = new ProcessBuilder(SERF, "leave", "-rpc-addr=127.0.0.1:" + s1.rpcPort())
                .redirectErrorStream(true).start();
        leave.waitFor(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stateOf("serf1")).as(Files.readString(s1.log())).isEqualTo(NodeState.LEFT));

        assertThat(Files.readString(s1.log())).doesNotContain("[ERR] memberlist");
        Agent s2 = serf("serf2", KEY, ours.address());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stateOf("serf2")).as(Files.readString(s2.log())).isEqualTo(NodeState.ALIVE));
        s2.process().destroyForcibly(); // kill -9
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stateOf("serf2")).isEqualTo(NodeState.DEAD));
    }
}
