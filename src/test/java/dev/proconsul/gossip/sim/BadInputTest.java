package dev.proconsul.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.Keyring;
import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.MemberListener;
import dev.proconsul.gossip.Memberlist;
import dev.proconsul.gossip.PacketFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input on a live member's gossip port (UDP and TCP) of an encrypted pool: garbage, truncated, replayed,
 * wrong-key and plaintext messages, and a flood of idle connections. Each must be dropped and counted in
 * {@link Memberlist#droppedMessages()}, add no member, grow no queue, and leave the node healthy: its peer still sees
 * it alive and a new member can still join.
 */
class BadInputTest {
    private static final String KEY = "T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=";
    private static final String OTHER_KEY = "HvY8ubRZMgafUOWvrOadwOckVa1wN3QWAo46FVKbVN8=";
    private static final int ENCRYPT = 10; // memberlist's encryptMsg type byte
    private static final double SCALE = 0.2; // probe 200 ms, gossip 40 ms: quick convergence and detection

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Member> leftOrFailed = new CopyOnWriteArrayList<>();
    private final Random random = new Random(42);
    private Memberlist a;
    private Memberlist b;
    /** Sealed UDP packets b sent to a (already delivered once). */
    private final List<byte[]> captured = new CopyOnWriteArrayList<>();
    /** The bytes of b's join (an encrypted push-pull stream), recorded by a relay on the way to a. */
    private byte[] capturedJoin;

    /** One attack: sends bad input to the fixture's node a and returns how many bad messages it sent. */
    @FunctionalInterface
    private interface Attack {
        int apply(BadInputTest fixture) throws Exception;
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("UDP random bytes", (Attack) t -> t.udp(t.randomPackets(300))),
                Arguments.of("UDP truncated encrypted packets", (Attack) t -> t.udp(t.truncated())),
                Arguments.of("UDP replayed encrypted packets", (Attack) t -> t.udp(t.captured)),
                Arguments.of("UDP packets sealed with another key", (Attack) t -> t.udp(t.foreignPackets(OTHER_KEY))),
                Arguments.of("UDP plaintext packets", (Attack) t -> t.udp(t.foreignPackets(null))),
                Arguments.of("TCP random bytes", (Attack) t -> t.tcp(t.randomPackets(20))),
                Arguments.of("TCP truncated encrypted stream", (Attack) t -> t.tcp(List.of(
                        Arrays.copyOf(t.capturedJoin, t.capturedJoin.length / 2),
                        new byte[] {ENCRYPT, 0, 0, 3, (byte) 232, 1, 2, 3}, new byte[] {ENCRYPT, 0}))),
                Arguments.of("TCP oversized length claim", (Attack) t -> t.tcp(List.of(
                        new byte[] {ENCRYPT, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0}))),
                Arguments.of("TCP replayed join", (Attack) t -> t.tcp(List.of(t.capturedJoin, t.capturedJoin))),
                Arguments.of("TCP join with another key", (Attack) t -> t.foreignJoin(OTHER_KEY)),
                Arguments.of("TCP plaintext join", (Attack) t -> t.foreignJoin(null)),
                Arguments.of("TCP flood of idle connections", (Attack) BadInputTest::idleFlood));
    }

    private GossipConfig config(String name, String key) {
        GossipConfig c = GossipSim.config(name, SCALE);
        return key == null ? c : c.withKeyring(Keyring.of(key));
    }

    private Memberlist start(String name, String key, MemberListener listener) throws IOException {
        Memberlist m = Memberlist.create(config(name, key), listener);
        open.add(m);
        return m;
    }

    @BeforeEach
    void twoMembers() throws Exception {
        MemberListener watch = new MemberListener() {
            @Override
            public void onLeave(Member m) {
                leftOrFailed.add(m);
            }
        };
        a = start("a", KEY, watch);
        b = start("b", KEY, watch);
        int aPort = a.port();
        b.packetFilter(new PacketFilter() {
            @Override
            public boolean outgoing(InetSocketAddress to, byte[] packet) {
                if (to.getPort() == aPort && captured.size() < 20) {
                    captured.add(packet.clone());
                }
                return true;
            }
        });
        try (Relay relay = new Relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), aPort))) {
            assertThat(b.join(List.of("127.0.0.1:" + relay.port()))).isEqualTo(1);
            capturedJoin = relay.clientBytes();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(a.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("a", "b");
            assertThat(b.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("a", "b");
            assertThat(captured).hasSize(20);
        });
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void badInputIsDroppedAndCountedAndTheNodeStaysHealthy(String name, Attack attack) throws Exception {
        long before = a.droppedMessages();
        int sent = attack.apply(this);
        assertThat(sent).isPositive();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(a.droppedMessages() - before).as("dropped and counted").isGreaterThanOrEqualTo(sent));

        assertThat(a.members()).extracting(Member::name).as("no member added").containsExactlyInAnyOrder("a", "b");
        assertThat(a.pendingBroadcasts()).as("broadcast queue bounded").isLessThanOrEqualTo(a.members().size());
        // healthy: after a few more probe rounds both still see each other alive, and a new member can join
        Thread.sleep(Math.round(5 * 1000 * SCALE));
        assertThat(b.aliveMembers()).extracting(Member::name).contains("a");
        assertThat(a.aliveMembers()).extracting(Member::name).contains("b");
        Memberlist c = start("c", KEY, null);
        assertThat(c.join(List.of(a.address()))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(a.aliveMembers()).extracting(Member::name).containsExactlyInAnyOrder("a", "b", "c"));
        assertThat(leftOrFailed).as("nobody marked failed").isEmpty();
    }

    // ---- the attacks -----------------------------------------------------------------------------------------------

    private List<byte[]> randomPackets(int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[1 + random.nextInt(1400)];
            random.nextBytes(p);
            out.add(p);
        }
        return out;
    }

    /** Every captured packet cut short at a few lengths: inside the header, the nonce, the ciphertext, the tag. */
    private List<byte[]> truncated() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : captured) {
            for (int len : new int[] {1, 5, 13, 29, p.length / 2, p.length - 1}) {
                if (len > 0 && len < p.length) {
                    out.add(Arrays.copyOf(p, len));
                }
            }
        }
        return out;
    }

    /**
     * Real gossip (pings, acks, alive broadcasts of two members "m1" and "m2") from a pool with another key, or with
     * none: captured on its way between them, then sent to a.
     */
    private List<byte[]> foreignPackets(String key) throws Exception {
        List<byte[]> packets = new CopyOnWriteArrayList<>();
        PacketFilter record = new PacketFilter() {
            @Override
            public boolean outgoing(InetSocketAddress to, byte[] packet) {
                if (packets.size() < 40) {
                    packets.add(packet.clone());
                }
                return true;
            }
        };
        Memberlist m1 = start("m1", key, null);
        Memberlist m2 = start("m2", key, null);
        m1.packetFilter(record);
        m2.packetFilter(record);
        m2.join(List.of(m1.address()));
        await().atMost(Duration.ofSeconds(20)).until(() -> packets.size() >= 40);
        return List.copyOf(packets).subList(0, 40);
    }

    private int foreignJoin(String key) throws Exception {
        Memberlist m = start(key == null ? "plain" : "stranger", key, null);
        assertThatThrownBy(() -> m.join(List.of(a.address()))).hasMessageContaining("Failed to join");
        return 1;
    }

    /** More connections than a member serves at once, left idle, then closed: each is turned away or times out. */
    private int idleFlood() throws IOException {
        int count = 300;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), a.port()));
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        return count;
    }

    private int udp(List<byte[]> packets) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), a.port());
        long start = a.droppedMessages();
        try (DatagramSocket s = new DatagramSocket()) {
            int sent = 0;
            for (byte[] p : packets) {
                s.send(new DatagramPacket(p, p.length, to));
                // a batch at a time, so that a full socket buffer cannot lose what we mean to count
                if (++sent % 50 == 0) {
                    long batch = sent;
                    await().atMost(Duration.ofSeconds(10)).until(() -> a.droppedMessages() - start >= batch);
                }
            }
            return sent;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int tcp(List<byte[]> streams) {
        for (byte[] bytes : streams) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
                s.getOutputStream().write(bytes);
                s.shutdownOutput(); // end of stream: a sees EOF, not a timeout
                s.setSoTimeout(10_000);
                s.getInputStream().readAllBytes(); // until a closes its side
            } catch (IOException e) {
                // a may reset the connection while we write: that is one way of dropping it
            }
        }
        return streams.size();
    }

    /** A one-connection TCP relay that records what the client sent. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final java.io.ByteArrayOutputStream fromClient = new java.io.ByteArrayOutputStream();
        private final Thread thread;

        Relay(InetSocketAddress target) throws IOException {
            thread = Thread.ofVirtual().start(() -> {
                try (Socket client = server.accept(); Socket upstream = new Socket()) {
                    upstream.connect(target);
                    Thread back = Thread.ofVirtual().start(() -> pump(upstream, client, null));
                    pump(client, upstream, fromClient);
                    back.join();
                } catch (IOException | InterruptedException e) {
                    // the relay ends with either side
                }
            });
        }

        private static void pump(Socket from, Socket to, java.io.ByteArrayOutputStream record) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buf, 0, n);
                        }
                    }
                    out.write(buf, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // closed
            }
        }

        int port() {
            return server.getLocalPort();
        }

        byte[] clientBytes() throws InterruptedException {
            thread.join(10_000);
            synchronized (fromClient) {
                return fromClient.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
