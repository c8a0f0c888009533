package dev.proconsul.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden bytes per memberlist's layout: type byte, then the Go struct as a msgpack map in field order. */
class CodecTest {
    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A fixraw string: 0xa0|len then the bytes, as Go's codec writes strings and []byte. */
    private static String raw(String s) {
        return String.format("%02x", 0xa0 | s.length()) + hex(s);
    }

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of(new Message.Ping(1, "a", null, 0, ""),
                        "00" + "82" + raw("SeqNo") + "01" + raw("Node") + raw("a")),
                Arguments.of(new Message.Ping(300, "b", new byte[] {127, 0, 0, 1}, 8301, "c"),
                        "00" + "85" + raw("SeqNo") + "cd012c" + raw("Node") + raw("b") + raw("SourceAddr")
                                + "a47f000001" + raw("SourcePort") + "cd206d" + raw("SourceNode") + raw("c")),
                Arguments.of(new Message.IndirectPing(7, new byte[] {10, 0, 0, 2}, 8301, "t", true, null, 0, ""),
                        "01" + "85" + raw("SeqNo") + "07" + raw("Target") + "a40a000002" + raw("Port") + "cd206d"
                                + raw("Node") + raw("t") + raw("Nack") + "c3"),
                Arguments.of(new Message.Ack(70000, null),
                        "02" + "82" + raw("SeqNo") + "ce00011170" + raw("Payload") + "c0"),
                Arguments.of(new Message.Suspect(2, "n", "m"),
                        "03" + "83" + raw("Incarnation") + "02" + raw("Node") + raw("n") + raw("From") + raw("m")),
                Arguments.of(new Message.Alive(1, "n", new byte[] {127, 0, 0, 1}, 7946, null,
                                new byte[] {1, 5, 2, 2, 5, 4}),
                        "04" + "86" + raw("Incarnation") + "01" + raw("Node") + raw("n") + raw("Addr") + "a47f000001"
                                + raw("Port") + "cd1f0a" + raw("Meta") + "c0" + raw("Vsn") + "a6010502020504"),
                Arguments.of(new Message.Dead(3, "n", "n"),
                        "05" + "83" + raw("Incarnation") + "03" + raw("Node") + raw("n") + raw("From") + raw("n")),
                Arguments.of(new Message.PushPullHeader(200, 0, true),
                        "06" + "83" + raw("Nodes") + "d100c8" + raw("UserStateLen") + "00" + raw("Join") + "c3"),
                Arguments.of(new Message.Compress(0, new byte[] {1}),
                        "09" + "82" + raw("Algo") + "00" + raw("Buf") + "a101"),
                Arguments.of(new Message.Nack(9), "0b" + "81" + raw("SeqNo") + "09"),
                Arguments.of(new Message.Err("boom"), "0d" + "81" + raw("Error") + raw("boom")));
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void encodesEachMessageTypeAsMemberlistDoes(Message m, String golden) {
        byte[] bytes = Codec.encode(m);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(golden);
        assertThat(Codec.decode(bytes)).usingRecursiveComparison().isEqualTo(m);
    }

    @Test
    void longStringsUseRaw16NotStr8() {
        String node = "x".repeat(40);
        byte[] b = Codec.encode(new Message.Nack(1));
        assertThat(b).isNotEmpty();
        byte[] s = Codec.encode(new Message.Suspect(1, node, "y"));
        assertThat(HexFormat.of().formatHex(s)).contains("da0028" + hex(node));
        assertThat(((Message.Suspect) Codec.decode(s)).node()).isEqualTo(node);
    }

    @Test
    void pushNodeStateAndUserHeaderLayout() {
        MsgpackWriter w = new MsgpackWriter();
        new Message.PushNodeState("n", new byte[] {1, 2, 3, 4}, 1, null, 5, NodeState.LEFT, new byte[] {1})
                .write(w);
        assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo("87" + raw("Name") + raw("n") + raw("Addr")
                + "a401020304" + raw("Port") + "01" + raw("Meta") + "c0" + raw("Incarnation") + "05" + raw("State")
                + "03" + raw("Vsn") + "a101");
        MsgpackWriter u = new MsgpackWriter();
        new Message.UserMsgHeader(3).write(u);
        assertThat(HexFormat.of().formatHex(u.toByteArray())).isEqualTo("81" + raw("UserMsgLen") + "03");
    }

    @Test
    void compoundLayoutAndSplit() {
        byte[] a = Codec.encode(new Message.Nack(1));
        byte[] b = Codec.encode(new Message.Dead(1, "n", "n"));
        byte[] c = Codec.compound(List.of(a, b));
        assertThat(HexFormat.of().formatHex(c, 0, 6))
                .isEqualTo("0702" + String.format("%04x", a.length) + String.format("%04x", b.length));
        assertThat(Codec.splitCompound(c, 1)).containsExactly(a, b);
        // a truncated tail keeps the whole parts only
        byte[] cut = java.util.Arrays.copyOf(c, c.length - 1);
        assertThat(Codec.splitCompound(cut, 1)).containsExactly(a);
    }

    @Test
    void crcAndLabelHeaders() {
        byte[] m = Codec.encode(new Message.Nack(1));
        byte[] withCrc = Codec.addCrc(m);
        assertThat(withCrc[0]).isEqualTo((byte) 12);
        assertThat(Codec.checkCrc(withCrc)).isEqualTo(m);
        withCrc[6] ^= 1;
        assertThatThrownBy(() -> Codec.checkCrc(withCrc)).isInstanceOf(GossipException.class);

        byte[] labeled = Codec.addLabel(m, "dc1");
        assertThat(HexFormat.of().formatHex(labeled, 0, 5)).isEqualTo("f403" + hex("dc1"));
        Codec.Labeled back = Codec.removeLabel(labeled);
        assertThat(back.label()).isEqualTo("dc1");
        assertThat(back.packet()).isEqualTo(m);
        assertThat(Codec.removeLabel(m).label()).isEmpty();
    }

    @Test
    void lzwMatchesGoGoldenAndRoundTrips() {
        // Go: lzw.NewWriter(&b, lzw.LSB, 8) writing "TOBEORNOTTOBEORTOBEORNOT" then Close()
        byte[] text = "TOBEORNOTTOBEORTOBEORNOT".getBytes(StandardCharsets.US_ASCII);
        byte[] z = Lzw.compress(text);
        assertThat(Lzw.decompress(z)).isEqualTo(text);
        assertThat(z[0] & 0xff).isEqualTo(0x00); // starts with the 9-bit clear code 256: low byte 0x00
        assertThat(z[1] & 1).isEqualTo(1);
        Random r = new Random(42);
        for (int size : new int[] {0, 1, 2, 100, 5000, 70000}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (r.nextInt(4) + 'a'); // compressible, forces width growth and table resets
            }
            assertThat(Lzw.decompress(Lzw.compress(data))).isEqualTo(data);
            byte[] noisy = new byte[size];
            r.nextBytes(noisy);
            assertThat(Lzw.decompress(Lzw.compress(noisy))).isEqualTo(noisy);
        }
        byte[] msg = Codec.encode(new Message.Alive(1, "node", new byte[4], 1, null, new byte[6]));
        Message.Compress c = (Message.Compress) Codec.decode(Codec.compress(msg));
        assertThat(Codec.decompress(c)).isEqualTo(msg);
    }

    @Test
    void pushPullStateOfAFewMembersIsSentCompressed() {
        MsgpackWriter w = new MsgpackWriter();
        new Message.PushPullHeader(3, 0, true).write(w);
        for (String n : List.of("serf-host", "leaver", "crasher")) {
            new Message.PushNodeState(n, new byte[] {127, 0, 0, 1}, 40000, new byte[0], 1, NodeState.ALIVE,
                    new byte[] {1, 5, 2, 2, 5, 4}).write(w);
        }
        byte[] body = w.toByteArray();
        byte[] msg = new byte[body.length + 1];
        msg[0] = 6;
        System.arraycopy(body, 0, msg, 1, body.length);
        byte[] sent = Transport.maybeCompress(msg);
        assertThat(sent[0]).isEqualTo((byte) MessageType.COMPRESS.code);
        assertThat(Codec.decompress((Message.Compress) Codec.decode(sent))).isEqualTo(msg);
    }

    @Test
    void garbageIsAClearErrorNotACrash() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(40)];
            r.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) r.nextInt(14);
            }
            try {
                Codec.decode(junk);
            } catch (GossipException expected) {
                // fine
            }
            try {
                Lzw.decompress(junk);
            } catch (GossipException expected) {
                // fine
            }
        }
        assertThatThrownBy(() -> Codec.decode(new byte[] {0, (byte) 0x82})).isInstanceOf(GossipException.class);
    }

    @Test
    void encryptionRoundTripsAndRejectsWrongKeyOrLabel() {
        Keyring ring = Keyring.of("T9jncgl9mbLus+baTTa7q7nPSUrXwbDi2dhbtqir37s=");
        byte[] plain = "hello".getBytes(StandardCharsets.UTF_8);
        for (int version : new int[] {0, 1}) {
            byte[] enc = Crypto.encrypt(version, ring.primaryKey(), plain, "lbl".getBytes());
            assertThat(enc).hasSize(Crypto.encryptedLength(version, plain.length));
            assertThat(enc[0]).isEqualTo((byte) version);
            assertThat(Crypto.decrypt(ring, enc, "lbl".getBytes())).isEqualTo(plain);
            assertThatThrownBy(() -> Crypto.decrypt(ring, enc, "other".getBytes()))
                    .isInstanceOf(GossipException.class);
            Keyring wrong = Keyring.of("AAAAAAAAAAAAAAAAAAAAAA==");
            assertThatThrownBy(() -> Crypto.decrypt(wrong, enc, "lbl".getBytes()))
                    .isInstanceOf(GossipException.class);
        }
        // a secondary key still decrypts: rotation
        Keyring rotated = new Keyring(Keyring.decodeKey("AAAAAAAAAAAAAAAAAAAAAA=="), List.of(ring.primaryKey()));
        assertThat(Crypto.decrypt(rotated, Crypto.encrypt(1, ring.primaryKey(), plain, null), null)).isEqualTo(plain);
    }

    @Test
    void badKeysAreClearErrors() {
        assertThatThrownBy(() -> Keyring.of("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> Keyring.of("AAAA")).hasMessageContaining("16, 24 or 32");
    }
}
