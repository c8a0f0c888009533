package dev.proconsul.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real in-JVM pools over loopback UDP/TCP with memberlist's algorithms at test-friendly (faster) timings. */
class ClusterTest {
    private static final String KEY = "T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=";
    private final List<Memberlist> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Memberlist::close);
    }

    private static GossipConfig fast(String name) {
        return GossipConfig.builder(name).bind("127.0.0.1", 0).timings(Duration.ofMillis(200),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(3)).build();
    }

    private Memberlist start(GossipConfig c, MemberListener l) throws IOException {
        Memberlist m = Memberlist.create(c, l);
        started.add(m);
        return m;
    }

    private static Map<String, NodeState> view(Memberlist m) {
        return m.members().stream().collect(Collectors.toMap(Member::name, Member::state));
    }

    @Test
    void threeNodesJoinDetectFailureAndSeeAGracefulLeave() throws IOException {
        Map<String, NodeState> seenByA = new ConcurrentHashMap<>();
        Memberlist a = start(fast("a"), new MemberListener() {
            @Override
            public void onJoin(Member m) {
                seenByA.put(m.name(), m.state());
            }

            @Override
            public void onLeave(Member m) {
                seenByA.put(m.name(), m.state());
            }
        });
        Memberlist b = start(fast("b"), null);
        Memberlist c = start(fast("c"), null);
        assertThat(b.join(List.of(a.address()))).isEqualTo(1);
        assertThat(c.join(List.of(b.address()))).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Memberlist m : List.of(a, b, c)) {
                assertThat(m.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("a", "b", "c");
            }
        });
        assertThat(seenByA).containsEntry("b", NodeState.ALIVE).containsEntry("c", NodeState.ALIVE);

        c.close(); // abrupt: no leave message
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(view(a)).containsEntry("c", NodeState.DEAD);
            assertThat(view(b)).containsEntry("c", NodeState.DEAD);
        });
        assertThat(seenByA).containsEntry("c", NodeState.DEAD);

        b.leave(Duration.ofSeconds(2));
        b.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(view(a)).containsEntry("b", NodeState.LEFT));
        assertThat(view(a)).containsEntry("a", NodeState.ALIVE);
    }

    @Test
    void twentyNodesConvergeAndAgreeOnAFailure() throws IOException {
        List<Memberlist> pool = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pool.add(start(fast("n" + i), null));
        }
        for (int i = 1; i < 20; i++) {
            pool.get(i).join(List.of(pool.get(i / 2).address()));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Memberlist m : pool) {
                assertThat(m.aliveMembers()).hasSize(20);
            }
        });
        Memberlist victim = pool.get(7);
        victim.close();
        await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> {
            for (Memberlist m : pool) {
                if (m != victim) {
                    assertThat(view(m)).containsEntry("n7", NodeState.DEAD);
                    assertThat(m.aliveMembers()).hasSize(19);
                }
            }
        });
    }

    @Test
    void encryptedPoolWorksAndRejectsAWrongKeyOrNoKey() throws IOException {
        Memberlist a = start(fast("a").withKeyring(Keyring.of(KEY)).withLabel("dc1"), null);
        Memberlist b = start(fast("b").withKeyring(Keyring.of(KEY)).withLabel("dc1"), null);
        b.join(List.of(a.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("a", "b"));

        Memberlist wrong = start(fast("wrong").withKeyring(Keyring.of("AAAAAAAAAAAAAAAAAAAAAA==")).withLabel("dc1"),
                null);
        assertThatThrownBy(() -> wrong.join(List.of(a.address()))).isInstanceOf(GossipException.class);
        Memberlist plain = start(fast("plain").withLabel("dc1"), null);
        assertThatThrownBy(() -> plain.join(List.of(a.address()))).isInstanceOf(GossipException.class);
        Memberlist otherLabel = start(fast("other").withKeyring(Keyring.of(KEY)).withLabel("dc2"), null);
        assertThatThrownBy(() -> otherLabel.join(List.of(a.address()))).isInstanceOf(GossipException.class);

        assertThat(a.members()).extracting(Member::name).containsExactlyInAnyOrder("a", "b");
        assertThat(a.droppedMessages()).isPositive();
    }

    /**
     * Switching a running plaintext pool to encryption, as Consul documents: first nodes hold the key but neither
     * verify incoming nor encrypt outgoing, so they still talk to plaintext nodes; once every node has the key,
     * outgoing encryption goes on, and plaintext-only nodes can no longer join.
     */
    @Test
    void encryptVerifyOutgoingFalseKeepsTalkingToPlaintextNodesDuringAnUpgrade() throws IOException {
        Memberlist plain = start(fast("plain"), null);
        Memberlist upgrading = start(fast("upgrading").toBuilder().keyring(Keyring.of(KEY)).verifyIncoming(false)
                .verifyOutgoing(false).build(), null);
        upgrading.join(List.of(plain.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(plain.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("plain", "upgrading");
            assertThat(upgrading.aliveMembers()).extracting(Member::name)
                    .containsExactlyInAnyOrder("plain", "upgrading");
        });

        Memberlist encrypting = start(fast("encrypting").toBuilder().keyring(Keyring.of(KEY)).verifyIncoming(false)
                .build(), null);
        encrypting.join(List.of(upgrading.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(upgrading.aliveMembers())
                .extracting(Member::name).contains("encrypting"));
        Memberlist latePlain = start(fast("late-plain"), null);
        assertThatThrownBy(() -> latePlain.join(List.of(encrypting.address()))).isInstanceOf(GossipException.class);
    }

    @Test
    void secondaryKeyLetsAPoolRotate() throws IOException {
        byte[] oldKey = Keyring.decodeKey(KEY);
        byte[] newKey = Keyring.decodeKey("AAAAAAAAAAAAAAAAAAAAAA==");
        Memberlist a = start(fast("a").withKeyring(new Keyring(oldKey, List.of(newKey))), null);
        Memberlist b = start(fast("b").withKeyring(new Keyring(newKey, List.of(oldKey))), null);
        b.join(List.of(a.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.aliveMembers()).hasSize(2));
    }

    @Test
    void garbageOnTheGossipPortsIsDroppedAndCountedWithoutAddingMembers() throws Exception {
        Memberlist a = start(fast("a"), null);
        java.util.Random r = new java.util.Random(3);
        var target = new java.net.InetSocketAddress("127.0.0.1", a.port());
        try (var udp = new java.net.DatagramSocket()) {
            for (int i = 0; i < 300; i++) {
                byte[] junk = new byte[1 + r.nextInt(200)];
                r.nextBytes(junk);
                junk[0] = (byte) r.nextInt(14); // look like a real message type
                udp.send(new java.net.DatagramPacket(junk, junk.length, target));
            }
        }
        for (int i = 0; i < 20; i++) {
            try (var s = new java.net.Socket("127.0.0.1", a.port())) {
                byte[] junk = new byte[1 + r.nextInt(100)];
                r.nextBytes(junk);
                junk[0] = (byte) (i % 2 == 0 ? 6 : 10); // push-pull / encrypt framing with garbage after
                s.getOutputStream().write(junk);
                s.shutdownOutput();
                s.getInputStream().readAllBytes();
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.droppedMessages()).isPositive());
        Memberlist b = start(fast("b"), null);
        b.join(List.of(a.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("a", "b"));
        assertThat(a.members()).hasSize(2);
    }

    private static void sendRaw(int port, byte[] packet) throws IOException {
        try (var udp = new java.net.DatagramSocket()) {
            udp.send(new java.net.DatagramPacket(packet, packet.length,
                    new java.net.InetSocketAddress("127.0.0.1", port)));
        }
    }

    @Test
    void aFalselySuspectedNodeRefutesWithAHigherIncarnation() throws IOException {
        Memberlist a = start(fast("a"), null);
        Memberlist b = start(fast("b"), null);
        b.join(List.of(a.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.aliveMembers()).hasSize(2));
        int before = a.members().stream().filter(m -> m.name().equals("b")).findFirst().orElseThrow().incarnation();

        // someone claims b is suspect at its current incarnation: b hears it through gossip and out-votes it
        sendRaw(a.port(), Codec.encode(new Message.Suspect(before, "b", "liar")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Member seen = a.members().stream().filter(m -> m.name().equals("b")).findFirst().orElseThrow();
            assertThat(seen.incarnation()).isGreaterThan(before);
            assertThat(seen.state()).isEqualTo(NodeState.ALIVE);
        });
        assertThat(b.aliveMembers()).extracting(Member::name).contains("b");
    }

    @Test
    void anEchoOfOurOwnAliveWithNilMetaIsNotRefuted() throws Exception {
        Memberlist a = start(fast("a"), null);
        sendRaw(a.port(), Codec.encode(new Message.Alive(1, "a", new byte[] {127, 0, 0, 1}, a.port(), null,
                new byte[] {1, 5, 2, 0, 0, 0})));
        sendRaw(a.port(), Codec.encode(new Message.Nack(1))); // a marker processed after the alive
        Thread.sleep(300);
        assertThat(a.members()).singleElement().extracting(Member::incarnation).isEqualTo(1);
    }

    @Test
    void compressedCompoundPacketsAreUnpacked() throws IOException {
        Memberlist a = start(fast("a"), null);
        byte[] alive = Codec.encode(new Message.Alive(1, "ghost", new byte[] {127, 0, 0, 1}, 9, null,
                new byte[] {1, 5, 2, 0, 0, 0}));
        byte[] nack = Codec.encode(new Message.Nack(12345));
        sendRaw(a.port(), Codec.addCrc(Codec.compress(Codec.compound(List.of(nack, alive)))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.members()).extracting(Member::name).contains("ghost"));
    }

    @Test
    void userMessagesArriveOverUdpAndTcp() throws IOException {
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        Memberlist a = start(fast("a"), new MemberListener() {
            @Override
            public void onUserMessage(byte[] payload) {
                received.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        Memberlist b = start(fast("b").withKeyring(null), null);
        var to = new java.net.InetSocketAddress("127.0.0.1", a.port());
        b.sendUserMessage(to, "over-udp".getBytes());
        b.sendUserMessageReliable(to, "over-tcp".repeat(500).getBytes());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(received).containsExactlyInAnyOrder("over-udp", "over-tcp".repeat(500)));
    }

    @Test
    void deadMembersAreReapedAfterGossipToTheDeadTime() throws IOException {
        GossipConfig quickReap = fast("a").toBuilder().tcpTimeout(Duration.ofSeconds(1))
                .gossipToTheDeadTime(Duration.ofSeconds(1)).build();
        Memberlist a = start(quickReap, null);
        Memberlist b = start(fast("b"), null);
        b.join(List.of(a.address()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.aliveMembers()).hasSize(2));
        b.leave(Duration.ofSeconds(2));
        b.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.members()).extracting(Member::name).containsExactly("a"));
    }

    @Test
    void joiningNobodyIsAClearError() throws IOException {
        Memberlist a = start(fast("a"), null);
        Memberlist b = start(fast("b"), null);
        int deadPort = b.port();
        b.close();
        // Another loopback address: nothing listens there even if b's sockets are still closing.
        assertThatThrownBy(() -> a.join(List.of("127.0.0.254:" + deadPort)))
                .isInstanceOf(GossipException.class).hasMessageContaining("Failed to join");
    }
}
