package dev.proconsul.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.agent.checks.HpackDecoder.Header;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** HPACK decoding with the request examples of RFC 7541 appendix C (static, dynamic table, Huffman). */
class HpackDecoderTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void huffmanCodedRequestsShareTheDynamicTable() throws IOException {
        HpackDecoder d = new HpackDecoder();

        assertThat(d.decode(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"))).containsExactly(
                new Header(":method", "GET"), new Header(":scheme", "http"), new Header(":path", "/"),
                new Header(":authority", "www.example.com"));
        assertThat(d.decode(hex("8286 84be 5886 a8eb 1064 9cbf"))).containsExactly(
                new Header(":method", "GET"), new Header(":scheme", "http"), new Header(":path", "/"),
                new Header(":authority", "www.example.com"), new Header("cache-control", "no-cache"));
        assertThat(d.decode(hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"))).containsExactly(
                new Header(":method", "GET"), new Header(":scheme", "https"), new Header(":path", "/index.html"),
                new Header(":authority", "www.example.com"), new Header("custom-key", "custom-value"));
    }

    @Test
    void plainLiteralsAndTheBlocksWeSendOurselves() throws IOException {
        HpackDecoder d = new HpackDecoder();

        assertThat(d.decode(H2Connection.headerBlock("grpc-status", "5", "grpc-message", "unknown%20service")))
                .containsExactly(new Header("grpc-status", "5"), new Header("grpc-message", "unknown%20service"));
    }

    @Test
    void tableSizeUpdateToZeroEvictsEverything() throws IOException {
        HpackDecoder d = new HpackDecoder();
        d.decode(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));

        d.decode(hex("20"));

        assertThatThrownBy(() -> d.decode(hex("be"))).isInstanceOf(IOException.class)
                .hasMessageContaining("invalid header index 62");
    }

    @Test
    void malformedBlocksAreErrorsNotCrashes() {
        HpackDecoder d = new HpackDecoder();
        for (String bad : new String[] {"80", "ff", "ffffffffff7f", "4085", "0f", "3fe21f"}) {
            assertThatThrownBy(() -> d.decode(hex(bad))).as(bad).isInstanceOf(IOException.class);
        }
    }
}
