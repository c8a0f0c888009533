package dev.proconsul.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.ApplyResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ApplyResultCodecTest {

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of("kv set held", ApplyResult.ok(12, Boolean.TRUE), ApplyResult.ok(12, Boolean.TRUE)),
                Arguments.of("cas failed", ApplyResult.ok(13, Boolean.FALSE), ApplyResult.ok(13, Boolean.FALSE)),
                Arguments.of("no value", ApplyResult.ok(1, null), ApplyResult.ok(1, null)),
                Arguments.of("session id", ApplyResult.ok(14, "adf4238a"), ApplyResult.ok(14, "adf4238a")),
                Arguments.of("number", ApplyResult.ok(15, 42L), ApplyResult.ok(15, 42L)),
                Arguments.of("structured value as JSON reads it", ApplyResult.ok(16, Map.of("Errors", List.of("x"))),
                        ApplyResult.ok(16, Map.of("Errors", List.of("x")))),
                Arguments.of("rejected", ApplyResult.rejected(17, "Invalid snapshot: ünicode"),
                        ApplyResult.rejected(17, "Invalid snapshot: ünicode")),
                Arguments.of("empty error", new ApplyResult(18, null, ""), new ApplyResult(18, null, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void roundTrips(String name, ApplyResult result, ApplyResult expected) {
        assertThat(ApplyResultCodec.decode(ApplyResultCodec.encode(result))).isEqualTo(expected);
    }

    /** A server of the previous release answers in JSON (version 1); its replies must still be understood. */
    @Test
    void readsVersionOneReplies() {
        ApplyResult r = ApplyResultCodec.decode(ApplyResultCodec.encodeJson(ApplyResult.ok(9, Boolean.FALSE)));

        assertThat(r).isEqualTo(ApplyResult.ok(9, Boolean.FALSE));
    }

    @Test
    void rejectsUnknownVersionsAndTruncatedReplies() {
        assertThatThrownBy(() -> ApplyResultCodec.decode(new byte[] {7})).hasMessageContaining("version 7");
        assertThatThrownBy(() -> ApplyResultCodec.decode(new byte[0])).hasMessageContaining("empty reply");
        byte[] cut = ApplyResultCodec.encode(ApplyResult.rejected(3, "nope"));
        assertThatThrownBy(() -> ApplyResultCodec.decode(java.util.Arrays.copyOf(cut, cut.length - 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed apply result");
    }
}
