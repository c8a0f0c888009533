package dev.proconsul.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotArchiveTest {
    static final byte[] STATE = ("PROCONSUL-SNAPSHOT 1\n{\"LastIndex\":12,\"Indexes\":{\"nodes\":2,\"kvs\":9},"
            + "\"Nodes\":[{\"Node\":\"n1\"},{\"Node\":\"n2\"}],\"KVs\":[{\"Key\":\"a\"}],\"Tombstones\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    static final SnapshotMeta META = SnapshotMeta.of(12, 3, STATE.length, 1_700_000_000_123L);

    @Test
    void roundTripsMetaAndState() throws IOException {
        byte[] archive = SnapshotArchive.toBytes(META, STATE);

        SnapshotArchive.Contents c = SnapshotArchive.read(new ByteArrayInputStream(archive), 1 << 20);

        assertThat(c.meta()).isEqualTo(META);
        assertThat(c.meta().id()).isEqualTo("3-12-1700000000123");
        assertThat(c.meta().created()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(c.state()).isEqualTo(STATE);
    }

    @Test
    void isAGzippedTarWithConsulsThreeFilesAndSha256sumsFormat() throws IOException {
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(SnapshotArchive.toBytes(META, STATE)))
                .readAllBytes();

        assertThat(tar.length % 512).isZero();
        assertThat(new String(tar, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("meta.json");
        assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        String all = new String(tar, StandardCharsets.ISO_8859_1);
        assertThat(all).contains("state.bin", "SHA256SUMS", "\"Index\":12", "\"Term\":3");
        assertThat(all).containsPattern("[0-9a-f]{64}  meta.json\n[0-9a-f]{64}  state.bin\n");
    }

    @Test
    void summarisesTablesBySize() throws IOException {
        SnapshotStats.Summary s = SnapshotStats.of(STATE);

        assertThat(s.lastIndex()).isEqualTo(12);
        assertThat(s.totalSize()).isEqualTo(STATE.length);
        assertThat(s.tables()).extracting(SnapshotStats.Table::name)
                .containsExactly("Nodes", "Indexes", "KVs", "Tombstones");
        assertThat(s.tables()).extracting(SnapshotStats.Table::count).containsExactly(2L, 2L, 1L, 0L);
        assertThat(s.tables().get(0).size()).isEqualTo("[{\"Node\":\"n1\"},{\"Node\":\"n2\"}]".length());
    }

    static Stream<Arguments> corrupt() throws IOException {
        byte[] good = SnapshotArchive.toBytes(META, STATE);
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(good)).readAllBytes();
        int stateAt = indexOf(tar, STATE);
        byte[] tamperedState = tar.clone();
        tamperedState[stateAt + 30] ^= 1;
        byte[] noEnd = Arrays.copyOf(tar, tar.length - 1024);
        byte[] badHeader = tar.clone();
        badHeader[0] = 'x';
        return Stream.of(
                Arguments.of("empty", new byte[0], "truncated"),
                Arguments.of("not gzip", "hello, I am not an archive".getBytes(StandardCharsets.UTF_8), "not a gzip"),
                Arguments.of("truncated in the middle", Arrays.copyOf(good, good.length / 2), "truncated"),
                Arguments.of("truncated gzip trailer", Arrays.copyOf(good, good.length - 4), "truncated"),
                Arguments.of("state byte flipped, checksums kept", gzip(tamperedState), "checksum mismatch for state.bin"),
                Arguments.of("tar without end marker", gzip(noEnd), "no end-of-archive marker"),
                Arguments.of("tar header damaged", gzip(badHeader), "bad checksum"),
                Arguments.of("meta missing", gzip(withoutEntry(tar, 0)), "archive has no meta.json"),
                Arguments.of("plain gzip of a state file", gzip(Arrays.copyOf(STATE, 2048)), "corrupt tar header"),
                Arguments.of("plain gzip of a short file", gzip(STATE), "truncated inside a tar header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void refusesDamagedArchivesClearly(String name, byte[] archive, String message) {
        assertThatThrownBy(() -> SnapshotArchive.read(new ByteArrayInputStream(archive), 1 << 20))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnUnknownMetaVersion() {
        SnapshotMeta future = new SnapshotMeta(2, "x", 12, 3, STATE.length, META.created());
        byte[] archive = SnapshotArchive.toBytes(future, STATE);

        assertThatThrownBy(() -> SnapshotArchive.read(new ByteArrayInputStream(archive), 1 << 20))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessage("unsupported snapshot version 2 (this build reads version 1)");
    }

    @Test
    void refusesAStateLargerThanTheLimit() {
        byte[] archive = SnapshotArchive.toBytes(META, STATE);

        assertThatThrownBy(() -> SnapshotArchive.read(new ByteArrayInputStream(archive), 10))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessageContaining("state.bin is too large");
    }

    @Test
    void statsRefuseForeignAndFutureStateFiles() {
        assertThatThrownBy(() -> SnapshotStats.of("\u0001\u0002binary consul state".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSnapshotException.class).hasMessageContaining("no header line");
        assertThatThrownBy(() -> SnapshotStats.of("PROCONSUL-SNAPSHOT 7\n{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessage("unsupported state format version 7 (this build reads version 1)");
        assertThatThrownBy(() -> SnapshotStats.of("PROCONSUL-SNAPSHOT 1\n{\"Nodes\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSnapshotException.class).hasMessageContaining("malformed");
    }

    @Test
    void eventIndexFoldsTheUuidLikeConsul() {
        // high half 0x0000000100000000 XOR low half 0x0000000000000002
        assertThat(UserEvent.indexOf("00000001-0000-0000-0000-000000000002")).isEqualTo(0x0000000100000002L);
        assertThat(Long.toUnsignedString(UserEvent.indexOf("ffffffff-ffff-ffff-0000-000000000000")))
                .isEqualTo("18446744073709551615");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** The tar with its first entry (header + data blocks) cut out. */
    private static byte[] withoutEntry(byte[] tar, int at) {
        long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII), 8);
        int blocks = 1 + (int) ((size + 511) / 512);
        byte[] out = new byte[tar.length - blocks * 512];
        System.arraycopy(tar, 0, out, 0, at);
        System.arraycopy(tar, at + blocks * 512, out, at, tar.length - at - blocks * 512);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
