package dev.proconsul.gossip.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.NodeState;
import dev.proconsul.structs.Coordinate;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Serf's ack payload: version byte 1, then the coordinate as a msgpack map with Serf's field names. */
class PingPayloadCodecTest {

    @Test
    void roundTrips() throws Exception {
        Coordinate c = new Coordinate(new double[] {0.1, -0.2, 0, 0, 0, 0, 0, 1e-9}, 0.75, -0.001, 2e-5);
        assertThat(PingPayloadCodec.decode(PingPayloadCodec.encode(c))).isEqualTo(c);
    }

    @Test
    void encodesAsSerfDoes() {
        byte[] got = PingPayloadCodec.encode(new Coordinate(new double[] {0.5, 0, 0, 0, 0, 0, 0, 0}, 1.5, 0, 1e-5));
        assertThat(HexFormat.of().formatHex(got)).isEqualTo(HexFormat.of().formatHex(serfBytes(
                new double[] {0.5, 0, 0, 0, 0, 0, 0, 0}, 1.5, 0, 1e-5)));
        assertThat(HexFormat.of().formatHex(got)).startsWith("0184a3566563" + "98cb3fe0000000000000");
    }

    @Test
    void decodesBytesBuiltBySerfsLayoutIncludingIntegersAndOtherFieldOrder() throws Exception {
        // Fields in another order, an unknown field, and integer-encoded zeros: a Go decoder accepts all three.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1);
        b.write(0x85);
        str(b, "Height");
        dbl(b, 1e-5);
        str(b, "Extra");
        b.write(0xc3);
        str(b, "Vec");
        b.write(0x98);
        dbl(b, 0.25);
        for (int i = 0; i < 7; i++) {
            b.write(0x00); // positive fixint 0
        }
        str(b, "Error");
        dbl(b, 0.5);
        str(b, "Adjustment");
        b.write(0xd0);
        b.write(0xff); // int8 -1
        Coordinate c = PingPayloadCodec.decode(b.toByteArray());
        assertThat(c.vec()).containsExactly(0.25, 0, 0, 0, 0, 0, 0, 0);
        assertThat(c.error()).isEqualTo(0.5);
        assertThat(c.adjustment()).isEqualTo(-1.0);
        assertThat(c.height()).isEqualTo(1e-5);
    }

    @Test
    void refusesOtherVersionsAndGarbage() {
        assertThatThrownBy(() -> PingPayloadCodec.decode(new byte[] {2, (byte) 0x80}))
                .hasMessage("Unsupported coordinate version 2");
        assertThatThrownBy(() -> PingPayloadCodec.decode(new byte[0])).isInstanceOf(CoordinateException.class);
        assertThatThrownBy(() -> PingPayloadCodec.decode(new byte[] {1, (byte) 0x93, 1, 2, 3}))
                .isInstanceOf(CoordinateException.class);
        assertThatThrownBy(() -> PingPayloadCodec.decode(new byte[] {1, (byte) 0x81, (byte) 0xa3, 'V', 'e'}))
                .isInstanceOf(CoordinateException.class);
    }

    @Test
    void delegateFeedsProbesToTheClientAndCachesPeers() throws Exception {
        CoordinateClient client = new CoordinateClient();
        CoordinatePingDelegate d = new CoordinatePingDelegate(client, "me");
        assertThat(PingPayloadCodec.decode(d.ackPayload())).isEqualTo(client.coordinate());
        Member peer = new Member("peer", InetAddress.getLoopbackAddress(), 8301, new byte[0], 1, NodeState.ALIVE,
                new byte[0]);
        Coordinate theirs = CoordinateConfig.DEFAULT.origin();
        d.notifyPingComplete(peer, Duration.ofMillis(30), PingPayloadCodec.encode(theirs));
        assertThat(d.cachedCoordinate("peer")).contains(theirs);
        assertThat(client.coordinate()).isNotEqualTo(CoordinateConfig.DEFAULT.origin());
        assertThat(d.cachedCoordinate("me")).contains(client.coordinate());
        Coordinate before = client.coordinate();
        d.notifyPingComplete(peer, Duration.ofMillis(30), new byte[] {9});
        d.notifyPingComplete(peer, Duration.ofMillis(30), new byte[0]);
        assertThat(client.coordinate()).isEqualTo(before);
        d.forget("peer");
        assertThat(d.cachedCoordinate("peer")).isEmpty();
    }

    /** Serf's bytes, written out by hand from the format: fixraw keys, fixarray, float64 (0xcb) values. */
    private static byte[] serfBytes(double[] vec, double error, double adjustment, double height) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1);
        b.write(0x84);
        str(b, "Vec");
        b.write(0x90 | vec.length);
        for (double v : vec) {
            dbl(b, v);
        }
        str(b, "Error");
        dbl(b, error);
        str(b, "Adjustment");
        dbl(b, adjustment);
        str(b, "Height");
        dbl(b, height);
        return b.toByteArray();
    }

    private static void str(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(0xa0 | bytes.length);
        b.writeBytes(bytes);
    }

    private static void dbl(ByteArrayOutputStream b, double v) {
        b.write(0xcb);
        b.writeBytes(ByteBuffer.allocate(8).putDouble(v).array());
    }
}
