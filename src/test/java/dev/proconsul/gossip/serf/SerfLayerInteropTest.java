package dev.proconsul.gossip.serf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.Keyring;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Serf layer against a real HashiCorp Serf agent (Debian's {@code serf}): tags both ways, user events both
 * ways (through serf's event handler script), queries both ways, and serf's {@code keys} command run against us.
 */
class SerfLayerInteropTest {
    private static final String SERF = "/usr/bin/serf";
    private static final String KEY = "T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=";
    private static final String NEW_KEY = "HvY8ubRZMgafUOWvrOadwOckVa1wN3QWAo46FVKbVN8=";
    private final List<Process> processes = new ArrayList<>();
    private Serf ours;
    @TempDir
    Path dir;

    @BeforeEach
    void needSerf() {
        assumeTrue(new File(SERF).canExecute(), "Debian's serf package is not installed");
    }

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
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
        String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    private Agent serfAgent(String node, String joinAddr, List<String> extra) throws IOException {
        int rpc = freePort();
        Path log = dir.resolve("serf-" + node + ".log");
        List<String> cmd = new ArrayList<>(List.of(SERF, "agent", "-node=" + node,
                "-bind=127.0.0.1:" + freePort(), "-rpc-addr=127.0.0.1:" + rpc, "-encrypt=" + KEY,
                "-log-level=debug"));
        cmd.addAll(extra);
        if (joinAddr != null) {
            cmd.add("-join=" + joinAddr);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return new Agent(p, rpc, log);
    }

    private record Result(int exit, String out) {
    }

    private static Result serfCli(Agent a, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SERF, args[0], "-rpc-addr=127.0.0.1:" + a.rpcPort()));
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out);
        }
        return new Result(p.exitValue(), out);
    }

    private Serf ourSerf(SerfListener listener, Path keyringFile) throws IOException {
        GossipConfig g = GossipConfig.builder("proconsul").bind("127.0.0.1", 0)
                .timings(Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofMillis(100), Duration.ofSeconds(5))
                .keyring(Keyring.of(KEY)).build();
        return Serf.create(SerfConfig.builder(g).tags(Map.of("role", "consul", "dc", "dc1"))
                .keyringFile(keyringFile).leavePropagateDelay(Duration.ofMillis(200)).build(), listener);
    }

    private MemberStatus statusOf(String node) {
        return ours.members().stream().filter(m -> m.name().equals(node)).map(SerfMember::status).findFirst()
                .orElse(null);
    }

    @Test
    void tagsEventsAndQueriesFlowBothWays() throws Exception {
        List<UserEvent> events = new CopyOnWriteArrayList<>();
        ours = ourSerf(new SerfListener() {
            @Override
            public void onUserEvent(UserEvent event) {
                events.add(event);
            }

            @Override
            public void onQuery(Query query) {
                if (query.name().equals("hello")) {
                    try {
                        query.respond(("hi " + new String(query.payload(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }, null);
        Path received = dir.resolve("received.txt");
        Path handler = dir.resolve("handler.sh");
        Files.writeString(handler, """
                #!/bin/sh
                if [ "$SERF_EVENT" = "user" ]; then
                  { echo "user $SERF_USER_EVENT"; cat; echo; } >> %s
                elif [ "$SERF_EVENT" = "query" ]; then
                  cat > /dev/null
                  echo "pong from $SERF_SELF_NAME"
                fi
                """.formatted(received));
        Files.setPosixFilePermissions(handler, PosixFilePermissions.fromString("rwx------"));
        Agent s = serfAgent("serf1", ours.address(), List.of("-tag", "role=web", "-tag", "rack=r1",
                "-event-handler=" + handler));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(statusOf("serf1")).as(s.logText()).isEqualTo(MemberStatus.ALIVE);
            assertThat(serfCli(s, "members", "-detailed").out())
                    .containsPattern("proconsul\\s+127\\.0\\.0\\.1:\\d+\\s+alive\\s+\\S*dc=dc1")
                    .containsPattern("proconsul\\s+127\\.0\\.0\\.1:\\d+\\s+alive\\s+\\S*role=consul");
        });
        SerfMember theirs = ours.members().stream().filter(m -> m.name().equals("serf1")).findFirst().orElseThrow();
        assertThat(theirs.tags()).containsEntry("role", "web").containsEntry("rack", "r1");

        // our event reaches serf's handler script
        ours.userEvent("deploy", "v42".getBytes(StandardCharsets.UTF_8), false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received).exists());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Files.readString(received)).contains("user deploy").contains("v42"));

        // serf's event reaches our listener
        assertThat(serfCli(s, "event", "greet", "hello-payload").exit()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events)
                .anySatisfy(e -> {
                    assertThat(e.name()).isEqualTo("greet");
                    assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("hello-payload");
                }));

        // serf's query gets our answer
        Result q = serfCli(s, "query", "-timeout=3s", "hello", "world");
        assertThat(q.out()).as(s.logText()).contains("proconsul").contains("hi world");

        // our query gets serf's answer (its handler's output) and its ack
        QueryResponse r = ours.query("ping-serf", new byte[0],
                new QueryParams(List.of(), Map.of(), true, Duration.ofSeconds(3), 0));
        assertThat(r.acks()).contains("serf1", "proconsul");
        assertThat(r.responses()).containsKey("serf1");
        assertThat(new String(r.responses().get("serf1"), StandardCharsets.UTF_8)).contains("pong from serf1");

        // a tag filter that serf1 does not match keeps it silent
        QueryResponse filtered = ours.query("ping-serf", new byte[0],
                new QueryParams(List.of(), Map.of("role", "^db$"), true, Duration.ofSeconds(2), 0));
        assertThat(filtered.acks()).isEmpty();

        // serf's graceful leave is a Serf-level leave for us
        serfCli(s, "leave");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statusOf("serf1")).isEqualTo(MemberStatus.LEFT));
        assertThat(s.logText()).doesNotContain("[ERR] memberlist").doesNotContain("[ERR] serf");
    }

    @Test
    void weJoinSerfAndOurLeaveIsSeenAsLeft() throws Exception {
        Agent s = serfAgent("serf1", null, List.of());
        ours = ourSerf(null, null);
        Agent[] holder = {s};
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(ours.join(List.of(serfAddress(holder[0])), false)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(serfCli(s, "members").out())
                .containsPattern("proconsul\\s+127\\.0\\.0\\.1:\\d+\\s+alive"));
        ours.leave(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(serfCli(s, "members").out())
                .as(s.logText()).containsPattern("proconsul\\s+127\\.0\\.0\\.1:\\d+\\s+left"));
    }

    private static String serfAddress(Agent a) throws IOException, InterruptedException {
        String out = serfCli(a, "members").out();
        var m = java.util.regex.Pattern.compile("serf1\\s+(127\\.0\\.0\\.1:\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("serf not up yet: " + out);
        }
        return m.group(1);
    }

    @Test
    void serfKeysCommandWorksAgainstUs() throws Exception {
        Path keyringFile = dir.resolve("serf").resolve("local.keyring");
        ours = ourSerf(null, keyringFile);
        Agent s = serfAgent("serf1", ours.address(), List.of());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statusOf("serf1")).as(s.logText()).isEqualTo(MemberStatus.ALIVE));

        Result list = serfCli(s, "keys", "-list");
        assertThat(list.exit()).as(list.out()).isZero();
        assertThat(list.out()).contains(KEY).contains("[2/2]");

        Result install = serfCli(s, "keys", "-install=" + NEW_KEY);
        assertThat(install.exit()).as(install.out()).isZero();
        assertThat(keysOf(ours.keyring())).containsExactly(KEY, NEW_KEY);
        assertThat(Files.readString(keyringFile)).contains(KEY).contains(NEW_KEY);

        Result use = serfCli(s, "keys", "-use=" + NEW_KEY);
        assertThat(use.exit()).as(use.out()).isZero();
        assertThat(keysOf(ours.keyring()).get(0)).isEqualTo(NEW_KEY);

        Result removePrimary = serfCli(s, "keys", "-remove=" + NEW_KEY);
        assertThat(removePrimary.exit()).isNotZero();
        assertThat(removePrimary.out()).contains("Removing the primary key is not allowed");

        Result remove = serfCli(s, "keys", "-remove=" + KEY);
        assertThat(remove.exit()).as(remove.out()).isZero();
        assertThat(keysOf(ours.keyring())).containsExactly(NEW_KEY);

        // and from our side: serf answers our key queries
        KeyResponse fromUs = ours.listKeys(0);
        assertThat(fromUs.errorText()).isNull();
        assertThat(fromUs.numNodes()).isEqualTo(2);
        assertThat(fromUs.keys()).containsEntry(NEW_KEY, 2).hasSize(1);
        // gossip still works under the new key
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(serfCli(s, "members").out())
                .containsPattern("proconsul\\s+127\\.0\\.0\\.1:\\d+\\s+alive"));
        assertThat(s.logText()).doesNotContain("[ERR] memberlist");
    }

    private static List<String> keysOf(Keyring k) {
        return k.keys().stream().map(b -> Base64.getEncoder().encodeToString(b)).toList();
    }
}
