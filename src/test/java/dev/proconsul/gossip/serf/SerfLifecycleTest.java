package dev.proconsul.gossip.serf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.Memberlist;
import dev.proconsul.gossip.PingDelegate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots and rejoin after restart, reaping, reconnecting, garbage on the wire, the ping hook. */
class SerfLifecycleTest {
    private final List<Serf> started = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        started.forEach(Serf::close);
    }

    private Serf start(String name, SerfListener l, UnaryOperator<SerfConfig.Builder> more) throws IOException {
        Serf s = Serf.create(more.apply(SerfConfig.builder(SerfClusterTest.fast(name))
                .leavePropagateDelay(Duration.ofMillis(100))).build(), l);
        started.add(s);
        return s;
    }

    private static MemberStatus statusOf(Serf s, String node) {
        return s.members().stream().filter(m -> m.name().equals(node)).map(SerfMember::status).findFirst()
                .orElse(null);
    }

    @Test
    void aRestartedNodeRejoinsItsSnapshotPeersWithoutReplayingOldEvents() throws IOException {
        Path snap = dir.resolve("serf").resolve("local.snapshot");
        SerfClusterTest.Recorder first = new SerfClusterTest.Recorder();
        Serf a = start("a", first, b -> b.snapshotPath(snap));
        Serf b = start("b", null, x -> x);
        Serf c = start("c", null, x -> x);
        a.join(List.of(b.address()), false);
        c.join(List.of(b.address()), false);
        b.userEvent("before-restart", new byte[0], false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(a.members()).hasSize(3);
            assertThat(first.eventNames()).containsExactly("before-restart");
        });
        a.close(); // a crash: no leave
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(statusOf(b, "a")).isEqualTo(MemberStatus.FAILED));
        assertThat(Files.readString(snap)).contains("alive: b 127.0.0.1:" + b.port())
                .contains("alive: c 127.0.0.1:" + c.port()).containsPattern("event-clock: \\d+");

        SerfClusterTest.Recorder second = new SerfClusterTest.Recorder();
        Serf again = start("a", second, x -> x.snapshotPath(snap));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(statusOf(again, "b")).isEqualTo(MemberStatus.ALIVE);
            assertThat(statusOf(again, "c")).isEqualTo(MemberStatus.ALIVE);
            assertThat(statusOf(b, "a")).isEqualTo(MemberStatus.ALIVE);
        });
        b.userEvent("after-restart", new byte[0], false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(second.eventNames()).containsExactly("after-restart"));
    }

    @Test
    void afterAGracefulLeaveTheSnapshotIsNotRejoinedUnlessAsked() throws IOException {
        Path snap = dir.resolve("local.snapshot");
        Serf b = start("b", null, x -> x);
        Serf a = start("a", null, x -> x.snapshotPath(snap));
        a.join(List.of(b.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.members()).hasSize(2));
        a.leave(Duration.ofSeconds(2));
        a.close();
        assertThat(Files.readAllLines(snap)).contains("leave");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statusOf(b, "a")).isEqualTo(MemberStatus.LEFT));

        Serf stays = start("a", null, x -> x.snapshotPath(snap));
        try {
            Thread.sleep(1500); // time enough for a rejoin that must not happen
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(stays.members()).extracting(SerfMember::name).containsExactly("a");
        assertThat(statusOf(b, "a")).isEqualTo(MemberStatus.LEFT);
        stays.close();

        Serf rejoins = start("a", null, x -> x.snapshotPath(snap).rejoinAfterLeave(true));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(statusOf(rejoins, "b")).isEqualTo(MemberStatus.ALIVE);
            assertThat(statusOf(b, "a")).isEqualTo(MemberStatus.ALIVE);
        });
    }

    @Test
    void failedAndLeftMembersAreReapedAfterTheirTimeouts() throws IOException {
        SerfClusterTest.Recorder events = new SerfClusterTest.Recorder();
        Serf a = start("a", events, x -> x.reapInterval(Duration.ofMillis(200))
                .reconnectTimeout(Duration.ofSeconds(2)).tombstoneTimeout(Duration.ofSeconds(2)));
        Serf b = start("b", null, x -> x);
        Serf c = start("c", null, x -> x);
        b.join(List.of(a.address()), false);
        c.join(List.of(a.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.members()).hasSize(3));
        b.leave(Duration.ofSeconds(2));
        b.close();
        c.close();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(a.members()).extracting(SerfMember::name).containsExactly("a");
            assertThat(events.memberEvents("b")).containsSubsequence("JOIN", "LEAVE", "REAP");
            assertThat(events.memberEvents("c")).containsSubsequence("JOIN", "FAILED", "REAP");
        });
    }

    @Test
    void aFailedMemberIsReconnectedWhenItComesBack() throws IOException {
        Serf a = start("a", null, x -> x.reconnectInterval(Duration.ofMillis(300)));
        Serf b = start("b", null, x -> x);
        b.join(List.of(a.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.members()).hasSize(2));
        // b stops answering; a marks it failed; b comes back on the same port without joining anyone
        int port = b.port();
        b.close();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(statusOf(a, "b")).isEqualTo(MemberStatus.FAILED));
        GossipConfig same = SerfClusterTest.fast("b").toBuilder().bind("127.0.0.1", port).build();
        Serf back = Serf.create(SerfConfig.builder(same).build(), null);
        started.add(back);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(statusOf(a, "b")).isEqualTo(MemberStatus.ALIVE));
    }

    @Test
    void garbageSerfMessagesAreDroppedAndTheNodeKeepsWorking() throws IOException {
        SerfClusterTest.Recorder events = new SerfClusterTest.Recorder();
        Serf a = start("a", events, x -> x);
        Memberlist attacker = Memberlist.create(SerfClusterTest.fast("attacker"), null);
        try {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", a.port());
            Random rnd = new Random(7);
            List<byte[]> garbage = new ArrayList<>(List.of(new byte[] {3}, new byte[] {(byte) 200, 1, 2},
                    new byte[] {4, (byte) 0x81, (byte) 0xa2, 'I', 'D', (byte) 0xcf, -1, -1, -1, -1, -1, -1, -1, -1},
                    new byte[] {9, (byte) 0x80, 0}, new byte[] {3, (byte) 0xdf, 0x7f, -1, -1, -1}));
            for (int i = 0; i < 50; i++) {
                byte[] b = new byte[1 + rnd.nextInt(60)];
                rnd.nextBytes(b);
                b[0] = (byte) rnd.nextInt(11);
                garbage.add(b);
            }
            for (byte[] g : garbage) {
                attacker.sendUserMessage(to, g);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(a.droppedMessages()).isGreaterThan(10));
        } finally {
            attacker.close();
        }
        a.userEvent("still-alive", "ok".getBytes(StandardCharsets.UTF_8), false);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(events.eventNames()).contains("still-alive"));
        Serf b = start("b", null, x -> x);
        b.join(List.of(a.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statusOf(a, "b")).isEqualTo(MemberStatus.ALIVE));
    }

    @Test
    void thePingDelegateRidesOnProbeAcks() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        PingDelegate coords = new PingDelegate() {
            @Override
            public byte[] ackPayload() {
                return "coord".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void notifyPingComplete(Member other, Duration rtt, byte[] payload) {
                if (!rtt.isNegative()) {
                    seen.add(other.name() + "=" + new String(payload, StandardCharsets.UTF_8));
                }
            }
        };
        Serf a = start("a", null, x -> x.pingDelegate(coords));
        Serf b = start("b", null, x -> x.pingDelegate(coords));
        b.join(List.of(a.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(seen).contains("a=coord", "b=coord"));
    }
}
