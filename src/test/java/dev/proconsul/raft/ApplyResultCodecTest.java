package dev.proconsul.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.TxnResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplyResultCodecTest {

    static TxnResponse txnWithBinaryValue() {
        return new TxnResponse(List.of(new TxnResponse.Result(
                new KVEntry(2, "k", 3, new byte[] {0, 1, (byte) 0xFF}, "s", 4, 5), null, null, null)), null);
    }

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of("kv set held", ApplyResult.ok(12, ApplyResult.Flag.TRUE)),
                Arguments.of("cas failed", ApplyResult.ok(13, ApplyResult.Flag.FALSE)),
                Arguments.of("no value", ApplyResult.ok(1, null)),
                Arguments.of("session id", ApplyResult.ok(14, new ApplyResult.SessionId("adf4238a"))),
                Arguments.of("number", ApplyResult.ok(15, new ApplyResult.Number(42))),
                Arguments.of("failed txn", ApplyResult.ok(16, new ApplyResult.Txn(new TxnResponse(null,
                        List.of(new TxnResponse.Error(0, "key \"x\" doesn't exist")))))),
                Arguments.of("rejected", ApplyResult.rejected(17, "Invalid snapshot: ünicode")),
                Arguments.of("empty error", new ApplyResult(18, null, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void roundTrips(String name, ApplyResult result) {
        assertThat(ApplyResultCodec.decode(ApplyResultCodec.encode(result))).usingRecursiveComparison()
                .isEqualTo(result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void versionOneRepliesRoundTripToo(String name, ApplyResult result) {
        assertThat(ApplyResultCodec.decode(ApplyResultCodec.encodeJson(result))).usingRecursiveComparison()
                .isEqualTo(result);
    }

    /** A transaction's result crosses between servers as JSON; it must come back typed and whole, bytes included. */
    @Test
    void aForwardedTransactionComesBackWhole() {
        ApplyResult r = ApplyResult.ok(20, new ApplyResult.Txn(txnWithBinaryValue()));

        ApplyResult back = ApplyResultCodec.decode(ApplyResultCodec.encode(r));

        assertThat(back.txn()).usingRecursiveComparison().isEqualTo(txnWithBinaryValue());
        assertThat(back.txn().results().getFirst().kv().value()).containsExactly(0, 1, 0xFF);
    }

    /** The version 2 bytes, as the class comment documents them: what servers of earlier releases send and read. */
    @Test
    void versionTwoWireFormIsUnchanged() {
        assertThat(hex(ApplyResultCodec.encode(ApplyResult.done(12))))
                .isEqualTo("02" + "000000000000000c" + "01" + "00000000");
        assertThat(hex(ApplyResultCodec.encode(ApplyResult.ok(13, ApplyResult.Flag.FALSE))))
                .isEqualTo("02" + "000000000000000d" + "02" + "00000000");
        assertThat(hex(ApplyResultCodec.encode(ApplyResult.ok(15, new ApplyResult.Number(42)))))
                .isEqualTo("02" + "000000000000000f" + "03" + "000000000000002a" + "00000000");
        byte[] id = "\"ab\"".getBytes(StandardCharsets.UTF_8);
        assertThat(hex(ApplyResultCodec.encode(ApplyResult.ok(14, new ApplyResult.SessionId("ab")))))
                .isEqualTo("02" + "000000000000000e" + "04" + "00000004" + hex(id) + "00000000");
        assertThat(hex(ApplyResultCodec.encode(ApplyResult.rejected(3, "no"))))
                .isEqualTo("02" + "0000000000000003" + "00" + "00000003" + hex("no".getBytes(StandardCharsets.UTF_8)));
    }

    /** Replies of earlier releases, built byte by byte, decode to the typed values. */
    @Test
    void decodesRepliesOfEarlierReleases() {
        byte[] json = "\"sid\"".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 1 + 4 + json.length + 4);
        b.put((byte) 2).putLong(7).put((byte) 4).putInt(json.length).put(json).putInt(0);
        assertThat(ApplyResultCodec.decode(b.array()).sessionId()).isEqualTo("sid");

        byte[] v1 = ("\u0001{\"Index\":9,\"Value\":false}").getBytes(StandardCharsets.UTF_8);
        assertThat(ApplyResultCodec.decode(v1)).isEqualTo(ApplyResult.ok(9, ApplyResult.Flag.FALSE));
        byte[] v1Txn = ("\u0001{\"Index\":9,\"Value\":{\"Results\":null,\"Errors\":[{\"OpIndex\":1,\"What\":\"x\"}]}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ApplyResultCodec.decode(v1Txn).txn().errors()).hasSize(1);
    }

    @Test
    void typedAccessorsFailLoudlyOnTheWrongKind() {
        ApplyResult flag = ApplyResult.done(4);
        assertThat(flag.flag()).isTrue();
        assertThatThrownBy(flag::sessionId).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("index 4").hasMessageContaining("SessionId");
        assertThatThrownBy(ApplyResult.rejected(5, "nope")::flag).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void rejectsUnknownVersionsAndTruncatedReplies() {
        assertThatThrownBy(() -> ApplyResultCodec.decode(new byte[] {7})).hasMessageContaining("version 7");
        assertThatThrownBy(() -> ApplyResultCodec.decode(new byte[0])).hasMessageContaining("empty reply");
        byte[] cut = ApplyResultCodec.encode(ApplyResult.rejected(3, "nope"));
        assertThatThrownBy(() -> ApplyResultCodec.decode(java.util.Arrays.copyOf(cut, cut.length - 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed apply result");
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
