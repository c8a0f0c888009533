package dev.proconsul.gossip.serf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.gossip.GossipException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serf's wire encodings, the Lamport clock, the event and query buffers, the snapshot format. */
class SerfCodecTest {
    @TempDir
    Path dir;

    @Test
    void lamportClockMovesPastWhatItWitnesses() {
        LamportClock c = new LamportClock();
        assertThat(c.increment()).isEqualTo(1);
        c.witness(10);
        assertThat(c.time()).isEqualTo(11);
        c.witness(5); // older: no change
        assertThat(c.time()).isEqualTo(11);
        c.witness(11);
        assertThat(c.time()).isEqualTo(12);
    }

    @Test
    void messagesRoundTrip() throws Exception {
        List<SerfMessage> cases = List.of(
                new SerfMessage.Join(7, "node-1"),
                new SerfMessage.Leave(9, "node-2", true),
                new SerfMessage.UserEventMsg(300, "consul:event:deploy", "payload".getBytes(StandardCharsets.UTF_8),
                        true),
                new SerfMessage.QueryResponseMsg(5, 42, "n", SerfMessage.FLAG_ACK, null),
                new SerfMessage.KeyRequest(new byte[16]),
                new SerfMessage.KeyResponseMsg(true, "", List.of("a", "b"), "a"));
        for (SerfMessage m : cases) {
            SerfMessage back = SerfMessage.decode(m.encode());
            assertThat(back.encode()).as("%s", m).isEqualTo(m.encode());
        }
        SerfMessage.QueryMsg q = new SerfMessage.QueryMsg(3, -5, InetAddress.getLoopbackAddress().getAddress(),
                8301, "src", QueryFilters.encode(List.of("a"), Map.of("role", "web")), 1, 2, 1_500_000_000L,
                "name", new byte[] {1, 2});
        SerfMessage.QueryMsg qb = (SerfMessage.QueryMsg) SerfMessage.decode(q.encode());
        assertThat(qb.id()).isEqualTo(-5);
        assertThat(qb.timeoutNanos()).isEqualTo(1_500_000_000L);
        assertThat(qb.filters()).hasSize(2);
        assertThat(qb.ack()).isTrue();
        assertThat(qb.relayFactor()).isEqualTo(2);

        SerfMessage.PushPull pp = new SerfMessage.PushPull(4, Map.of("a", 1L, "b", 3L), List.of("b"), 8,
                List.of(new SerfMessage.EventsAt(6, List.of(new SerfMessage.NamedPayload("e", new byte[] {9})))), 2);
        SerfMessage.PushPull ppb = (SerfMessage.PushPull) SerfMessage.decode(pp.encode());
        assertThat(ppb.statusLTimes()).isEqualTo(Map.of("a", 1L, "b", 3L));
        assertThat(ppb.leftMembers()).containsExactly("b");
        assertThat(ppb.events()).hasSize(1);
        assertThat(ppb.events().get(0).events().get(0).name()).isEqualTo("e");
        assertThat(ppb.queryLTime()).isEqualTo(2);
    }

    @Test
    void joinIsEncodedAsSerfDoes() {
        // type 1, then msgpack {"LTime": 7, "Node": "n1"} with Go's raw strings
        assertThat(HexFormat.of().formatHex(new SerfMessage.Join(7, "n1").encode()))
                .isEqualTo("0182a54c54696d6507a44e6f6465a26e31");
    }

    @Test
    void pushPullToleratesSerfsNilRingSlots() {
        // Serf sends its whole event ring: {"LTime":1,"Events":[nil]} plus the other fields left out
        byte[] buf = HexFormat.of().parseHex("0282a54c54696d6501a64576656e747391c0");
        SerfMessage.PushPull pp = (SerfMessage.PushPull) SerfMessage.decode(buf);
        assertThat(pp.events()).isEmpty();
        assertThat(pp.ltime()).isEqualTo(1);
    }

    @Test
    void garbageIsAGossipExceptionNotACrash() {
        for (String hex : List.of("", "ff00", "01", "0190", "01dfffffffff", "0481a249440a")) {
            byte[] b = HexFormat.of().parseHex(hex);
            try {
                SerfMessage.decode(b);
            } catch (GossipException | ClassCastException e) {
                // dropped by the caller
            }
        }
        assertThatThrownBy(() -> SerfMessage.decode(new byte[] {1, (byte) 0xdf, 0x7f, -1, -1, -1}))
                .isInstanceOf(GossipException.class);
        assertThatThrownBy(() -> Relay.read(new byte[] {9, (byte) 0x80})).isInstanceOf(GossipException.class);
    }

    @Test
    void relayCarriesTheInnerMessageToItsDestination() throws Exception {
        byte[] inner = new SerfMessage.QueryResponseMsg(1, 2, "x", 0, new byte[] {5}).encode();
        InetSocketAddress dest = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 8301);
        Relay back = Relay.read(new Relay(dest, inner).encode());
        assertThat(back.dest()).isEqualTo(dest);
        assertThat(back.message()).isEqualTo(inner);
    }

    @Test
    void tagsUseSerfsMagicByteAndOldMetaIsARole() {
        Map<String, String> tags = Map.of("role", "consul", "dc", "dc1", "vsn", "2");
        byte[] meta = Tags.encode(tags);
        assertThat(meta[0] & 0xff).isEqualTo(255);
        assertThat(Tags.decode(meta)).isEqualTo(tags);
        assertThat(Tags.decode("web".getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of("role", "web"));
        assertThat(Tags.decode(new byte[0])).isEqualTo(Map.of("role", ""));
        assertThat(Tags.decode(new byte[] {(byte) 255, (byte) 0xdf})).isEmpty();
    }

    @Test
    void queryFiltersMatchLikeSerf() {
        Map<String, String> tags = Map.of("role", "consul", "dc", "dc1");
        record Case(List<String> nodes, Map<String, String> tags, boolean match) {
        }
        for (Case c : List.of(
                new Case(List.of(), Map.of(), true),
                new Case(List.of("me"), Map.of(), true),
                new Case(List.of("other"), Map.of(), false),
                new Case(List.of(), Map.of("role", "cons"), true),
                new Case(List.of(), Map.of("role", "^consul$"), true),
                new Case(List.of(), Map.of("role", "^web"), false),
                new Case(List.of(), Map.of("absent", "^$"), true),
                new Case(List.of("me"), Map.of("dc", "dc2"), false))) {
            assertThat(QueryFilters.matches(QueryFilters.encode(c.nodes(), c.tags()), "me", tags)).as("%s", c)
                    .isEqualTo(c.match());
        }
        assertThat(QueryFilters.matches(List.of(new byte[] {7, 1}), "me", tags)).isFalse();
    }

    @Test
    void userEventsAreDedupedByTimeNameAndPayload() {
        UserEventBuffer b = new UserEventBuffer(4);
        assertThat(b.add(5, "a", new byte[] {1}, 6)).isTrue();
        assertThat(b.add(5, "a", new byte[] {1}, 6)).isFalse();
        assertThat(b.add(5, "a", new byte[] {2}, 6)).isTrue();
        assertThat(b.add(5, "b", new byte[] {1}, 6)).isTrue();
        assertThat(b.add(1, "old", new byte[0], 10)).isFalse(); // older than the ring can tell apart
        b.raiseMinTime(8);
        assertThat(b.add(7, "c", new byte[0], 10)).isFalse();
        assertThat(b.add(8, "c", new byte[0], 10)).isTrue();

        QueryDedupe q = new QueryDedupe(4);
        assertThat(q.add(3, 1, 4)).isTrue();
        assertThat(q.add(3, 1, 4)).isFalse();
        assertThat(q.add(3, 2, 4)).isTrue();
    }

    @Test
    void snapshotReplaysAliveNodesAndClocksAndHonoursLeave() throws IOException {
        Path f = dir.resolve("local.snapshot");
        Files.writeString(f, """
                alive: a 10.0.0.1:8301
                alive: b 10.0.0.2:8301
                not-alive: a
                clock: 12
                event-clock: 4
                query-clock: 3
                coordinate: ignored
                """);
        try (Snapshotter s = Snapshotter.open(f, false)) {
            assertThat(s.previous()).isEqualTo(new Snapshotter.Previous(Map.of("b", "10.0.0.2:8301"), 12, 4, 3));
            s.alive("c", "10.0.0.3:8301");
            s.clocks(20, 4, 5);
            s.leave();
        }
        try (Snapshotter s = Snapshotter.open(f, false)) {
            assertThat(s.previous()).isEqualTo(new Snapshotter.Previous(Map.of(), 0, 0, 0));
        }
        try (Snapshotter s = Snapshotter.open(f, true)) {
            assertThat(s.previous().alive()).containsOnlyKeys("b", "c");
            assertThat(s.previous().clock()).isEqualTo(20);
            assertThat(s.previous().queryClock()).isEqualTo(5);
        }
    }

    @Test
    void keyringFileRoundTripsAndRejectsGarbage() throws IOException {
        Path f = dir.resolve("serf").resolve("local.keyring");
        var k = dev.proconsul.gossip.Keyring.of("T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=");
        k.addKey(new byte[16]);
        KeyringFile.write(f, k);
        assertThat(Files.readString(f)).startsWith("[\n  \"T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=\"");
        assertThat(KeyringFile.read(f).keys()).hasSize(2);
        Files.writeString(f, "[\"nope\"]");
        assertThatThrownBy(() -> KeyringFile.read(f)).isInstanceOf(IOException.class).hasMessageContaining("Bad key");
        Files.writeString(f, "{");
        assertThatThrownBy(() -> KeyringFile.read(f)).isInstanceOf(IOException.class);
    }
}
