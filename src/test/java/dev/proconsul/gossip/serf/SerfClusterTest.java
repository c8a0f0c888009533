package dev.proconsul.gossip.serf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.gossip.GossipConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In-JVM Serf pools over loopback: membership with tags and statuses, intents, user events. */
class SerfClusterTest {
    private final List<Serf> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Serf::close);
    }

    static GossipConfig fast(String name) {
        return GossipConfig.builder(name).bind("127.0.0.1", 0).timings(Duration.ofMillis(200),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(2)).build();
    }

    /** Records everything a pool reports. */
    static final class Recorder implements SerfListener {
        final List<MemberEvent> members = new CopyOnWriteArrayList<>();
        final List<UserEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onMemberEvent(MemberEvent event) {
            members.add(event);
        }

        @Override
        public void onUserEvent(UserEvent event) {
            events.add(event);
        }

        List<String> eventNames() {
            return events.stream().map(UserEvent::name).toList();
        }

        List<String> memberEvents(String node) {
            return members.stream().filter(e -> e.members().get(0).name().equals(node))
                    .map(e -> e.type().name()).toList();
        }
    }

    Serf start(String name, Map<String, String> tags, SerfListener l) throws IOException {
        return start(name, tags, l, b -> b);
    }

    Serf start(String name, Map<String, String> tags, SerfListener l, UnaryOperator<SerfConfig.Builder> more)
            throws IOException {
        Serf s = Serf.create(more.apply(SerfConfig.builder(fast(name)).tags(tags)
                .leavePropagateDelay(Duration.ofMillis(100))).build(), l);
        started.add(s);
        return s;
    }

    static Map<String, MemberStatus> statuses(Serf s) {
        return s.members().stream().collect(Collectors.toMap(SerfMember::name, SerfMember::status));
    }

    static Map<String, String> tagsOf(Serf s, String node) {
        return s.members().stream().filter(m -> m.name().equals(node)).findFirst().map(SerfMember::tags)
                .orElse(Map.of());
    }

    @Test
    void membersJoinWithTagsAndTagUpdatesSpread() throws IOException {
        Serf a = start("a", Map.of("role", "consul", "dc", "dc1"), null);
        Serf b = start("b", Map.of("role", "node"), null);
        Serf c = start("c", Map.of(), null);
        assertThat(b.join(List.of(a.address()), false)).isEqualTo(1);
        assertThat(c.join(List.of(b.address()), false)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Serf s : List.of(a, b, c)) {
                assertThat(statuses(s)).containsEntry("a", MemberStatus.ALIVE).containsEntry("b", MemberStatus.ALIVE)
                        .containsEntry("c", MemberStatus.ALIVE);
            }
            assertThat(tagsOf(c, "a")).isEqualTo(Map.of("role", "consul", "dc", "dc1"));
        });
        assertThat(a.localMember().tags()).containsEntry("dc", "dc1");
        assertThat(a.localMember().delegate()).containsExactly(2, 5, 4);

        a.setTags(Map.of("role", "consul", "dc", "dc1", "build", "1.2.3"));
        assertThat(a.localMember().tags()).containsEntry("build", "1.2.3");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tagsOf(b, "a")).containsEntry("build", "1.2.3");
            assertThat(tagsOf(c, "a")).containsEntry("build", "1.2.3");
        });
        assertThatThrownBy(() -> a.setTags(Map.of("big", "x".repeat(600)))).isInstanceOf(IOException.class)
                .hasMessage("Encoded length of tags exceeds limit of 512 bytes");
        assertThat(a.localMember().tags()).containsEntry("build", "1.2.3");
    }

    @Test
    void gracefulLeaveIsSeenAsLeftAndACrashAsFailed() throws IOException {
        Recorder seenByA = new Recorder();
        Serf a = start("a", Map.of(), seenByA);
        Serf b = start("b", Map.of(), null);
        Serf c = start("c", Map.of(), null);
        b.join(List.of(a.address()), false);
        c.join(List.of(a.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses(a)).hasSize(3)
                .doesNotContainValue(MemberStatus.FAILED));

        b.leave(Duration.ofSeconds(3));
        assertThat(b.localMember().status()).isIn(MemberStatus.LEAVING, MemberStatus.LEFT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(statuses(a)).containsEntry("b", MemberStatus.LEFT);
            assertThat(statuses(c)).containsEntry("b", MemberStatus.LEFT);
        });
        assertThatThrownBy(() -> b.join(List.of(a.address()), false)).isInstanceOf(IOException.class)
                .hasMessage("Serf can't Join after Leave or Shutdown");

        c.close();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(statuses(a)).containsEntry("c", MemberStatus.FAILED));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(seenByA.memberEvents("b")).containsSubsequence("JOIN", "LEAVE");
            assertThat(seenByA.memberEvents("c")).containsSubsequence("JOIN", "FAILED");
        });
    }

    @Test
    void forceLeaveTurnsAFailedMemberLeftAndPruneForgetsIt() throws IOException {
        Serf a = start("a", Map.of(), null);
        Serf b = start("b", Map.of(), null);
        Serf c = start("c", Map.of(), null);
        Serf d = start("d", Map.of(), null);
        for (Serf s : List.of(b, c, d)) {
            s.join(List.of(a.address()), false);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses(b)).hasSize(4));
        c.close();
        d.close();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(statuses(b))
                .containsEntry("c", MemberStatus.FAILED).containsEntry("d", MemberStatus.FAILED));

        assertThat(a.forceLeave("c", false)).isTrue();
        assertThat(statuses(a)).containsEntry("c", MemberStatus.LEFT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statuses(b)).containsEntry("c", MemberStatus.LEFT));

        assertThat(a.forceLeave("d", true)).isTrue();
        assertThat(statuses(a)).doesNotContainKey("d");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses(b)).doesNotContainKey("d"));
        assertThat(a.forceLeave("nobody", false)).isFalse();
    }

    @Test
    void aLeaveIntentAboutALiveNodeIsRefutedByIt() throws IOException {
        Serf a = start("a", Map.of(), null);
        Serf b = start("b", Map.of(), null);
        b.join(List.of(a.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses(a)).hasSize(2));
        assertThat(a.forceLeave("b", false)).isTrue(); // a marks b leaving at once; b may refute before we look
        // b sees an intent saying it leaves while it runs: it answers with a newer join intent
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(statuses(a)).containsEntry("b", MemberStatus.ALIVE);
            assertThat(statuses(b)).containsEntry("b", MemberStatus.ALIVE);
        });
    }

    @Test
    void userEventsReachEveryMemberOnceInLamportOrder() throws IOException {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        Recorder rc = new Recorder();
        Serf a = start("a", Map.of(), ra);
        Serf b = start("b", Map.of(), rb);
        Serf c = start("c", Map.of(), rc);
        b.join(List.of(a.address()), false);
        c.join(List.of(b.address()), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses(c)).hasSize(3));

        a.userEvent("consul:event:deploy", "v1".getBytes(StandardCharsets.UTF_8), false);
        a.userEvent("consul:event:deploy", "v2".getBytes(StandardCharsets.UTF_8), false);
        b.userEvent("consul:event:restart", new byte[0], false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Recorder r : List.of(ra, rb, rc)) {
                assertThat(r.eventNames()).containsExactlyInAnyOrder("consul:event:deploy", "consul:event:deploy",
                        "consul:event:restart");
            }
        });
        // the same event gossiped again (push-pull, retransmits) is not delivered twice
        try {
            Thread.sleep(1500); // let push-pull rounds carry the event buffers around
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Recorder r : List.of(ra, rb, rc)) {
            assertThat(r.events).hasSize(3);
        }
        List<UserEvent> fromA = rc.events.stream().filter(e -> e.name().equals("consul:event:deploy")).toList();
        UserEvent v1 = fromA.stream().filter(e -> new String(e.payload(), StandardCharsets.UTF_8).equals("v1"))
                .findFirst().orElseThrow();
        UserEvent v2 = fromA.stream().filter(e -> new String(e.payload(), StandardCharsets.UTF_8).equals("v2"))
                .findFirst().orElseThrow();
        assertThat(v2.ltime()).isGreaterThan(v1.ltime());
    }

    @Test
    void userEventsOverTheSizeLimitAreRefused() throws IOException {
        Serf a = start("a", Map.of(), null);
        assertThatThrownBy(() -> a.userEvent("big", new byte[600], false)).isInstanceOf(IOException.class)
                .hasMessage("user event exceeds configured limit of 512 bytes before encoding");
        assertThatThrownBy(() -> a.userEvent("x", new byte[505], false)).isInstanceOf(IOException.class)
                .hasMessage("encoded user event exceeds configured limit of 512 bytes after encoding");
    }

    @Test
    void ignoreOldSkipsEventsSentBeforeTheJoin() throws IOException {
        Recorder rb = new Recorder();
        Recorder rc = new Recorder();
        Serf a = start("a", Map.of(), null);
        a.userEvent("before", new byte[0], false);
        Serf b = start("b", Map.of(), rb);
        Serf c = start("c", Map.of(), rc);
        b.join(List.of(a.address()), true);
        c.join(List.of(a.address()), false);
        a.userEvent("after", new byte[0], false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(rb.eventNames()).containsExactly("after");
            assertThat(rc.eventNames()).containsExactlyInAnyOrder("before", "after");
        });
    }
}
