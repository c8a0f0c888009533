package dev.proconsul.structs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The user-facing snapshot archive ({@code /v1/snapshot}, {@code proconsul snapshot save|restore|inspect}): a
 * gzipped tar holding {@code meta.json} ({@link SnapshotMeta}), {@code state.bin} (the state store in the snapshot
 * format of docs/snapshot-format.md) and {@code SHA256SUMS} (one {@code <hex>  <name>} line per file, as
 * sha256sum prints them). The same layout as Consul's archives, so the usual tools can look inside; only the state
 * file's contents are Proconsul's own.
 *
 * <p>Reading checks everything before returning: the gzip CRC (the stream is read to its end, so a truncated file
 * fails), every tar header's checksum, that each file is present once, the checksums of both files, and the meta's
 * version and size.
 */
public final class SnapshotArchive {
    public static final String META_FILE = "meta.json";
    public static final String STATE_FILE = "state.bin";
    public static final String SUMS_FILE = "SHA256SUMS";

    private static final int BLOCK = 512;
    private static final int MAX_META_BYTES = 1 << 20;
    private static final int MAX_SUMS_BYTES = 64 << 10;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** What a valid archive holds. */
    public record Contents(SnapshotMeta meta, byte[] state) {
    }

    private SnapshotArchive() {
    }

    /** Writes the archive of {@code state} described by {@code meta} (whose size must be the state's length). */
    public static void write(OutputStream out, SnapshotMeta meta, byte[] state) throws IOException {
        if (meta.size() != state.length) {
            throw new IllegalArgumentException("meta size " + meta.size() + " != state size " + state.length);
        }
        byte[] metaJson = JSON.writeValueAsBytes(meta);
        String sums = sha256Hex(metaJson) + "  " + META_FILE + "\n" + sha256Hex(state) + "  " + STATE_FILE + "\n";
        long mtime = java.time.Instant.parse(meta.created()).getEpochSecond();
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        writeEntry(gz, META_FILE, metaJson, mtime);
        writeEntry(gz, STATE_FILE, state, mtime);
        writeEntry(gz, SUMS_FILE, sums.getBytes(StandardCharsets.US_ASCII), mtime);
        gz.write(new byte[2 * BLOCK]); // end-of-archive marker: two zero blocks
        gz.finish();
        gz.flush();
    }

    /** The archive as bytes. */
    public static byte[] toBytes(SnapshotMeta meta, byte[] state) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(state.length / 4 + 1024);
        try {
            write(buf, meta, state);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return buf.toByteArray();
    }

    /**
     * Reads and verifies an archive.
     *
     * @param maxStateBytes the largest state file accepted (guards memory against a hostile archive)
     * @throws InvalidSnapshotException when the archive is not a complete, intact snapshot
     * @throws IOException              when reading the stream itself fails
     */
    public static Contents read(InputStream in, long maxStateBytes) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try {
            GZIPInputStream gz = new GZIPInputStream(in, 1 << 16);
            readTar(gz, files, maxStateBytes);
            // Drain to the end so that the gzip trailer (CRC and length) is checked: a cut file fails here.
            byte[] skip = new byte[8192];
            while (gz.read(skip) >= 0) {
                // trailing padding only
            }
        } catch (ZipException e) {
            throw new InvalidSnapshotException("not a gzip archive or corrupt: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new InvalidSnapshotException("archive is truncated", e);
        }
        byte[] metaJson = require(files, META_FILE);
        byte[] state = require(files, STATE_FILE);
        byte[] sums = require(files, SUMS_FILE);
        Map<String, String> expected = parseSums(sums);
        verify(expected, META_FILE, metaJson);
        verify(expected, STATE_FILE, state);
        SnapshotMeta meta;
        try {
            meta = JSON.readValue(metaJson, SnapshotMeta.class);
        } catch (JsonProcessingException e) {
            throw new InvalidSnapshotException("malformed " + META_FILE + ": " + e.getOriginalMessage(), e);
        }
        if (meta == null) {
            throw new InvalidSnapshotException("empty " + META_FILE);
        }
        if (meta.version() != SnapshotMeta.VERSION) {
            throw new InvalidSnapshotException("unsupported snapshot version " + meta.version()
                    + " (this build reads version " + SnapshotMeta.VERSION + ")");
        }
        if (meta.size() != state.length) {
            throw new InvalidSnapshotException("state size " + state.length + " does not match the "
                    + meta.size() + " bytes recorded in " + META_FILE);
        }
        return new Contents(meta, state);
    }

    // ------------------------------------------------------------------ tar

    private static void writeEntry(OutputStream out, String name, byte[] data, long mtime) throws IOException {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", data.length));
        put(h, 136, 12, String.format("%011o", mtime));
        h[156] = '0';
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        put(h, 148, 8, String.format("%06o", checksum(h)));
        h[155] = ' ';
        out.write(h);
        out.write(data);
        int pad = (BLOCK - data.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    private static void readTar(InputStream in, Map<String, byte[]> files, long maxStateBytes) throws IOException {
        byte[] h = new byte[BLOCK];
        while (true) {
            int n = in.readNBytes(h, 0, BLOCK);
            if (n == 0) {
                throw new InvalidSnapshotException("archive is truncated: no end-of-archive marker");
            }
            if (n < BLOCK) {
                throw new InvalidSnapshotException("archive is truncated inside a tar header");
            }
            if (isZero(h)) {
                return;
            }
            long stored = octal(h, 148, 8);
            java.util.Arrays.fill(h, 148, 156, (byte) ' ');
            if (stored != checksum(h)) {
                throw new InvalidSnapshotException("corrupt tar header (bad checksum)");
            }
            String name = text(h, 0, 100);
            String prefix = text(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(h, 124, 12);
            byte type = h[156];
            long limit = name.equals(STATE_FILE) ? maxStateBytes
                    : name.equals(META_FILE) ? MAX_META_BYTES : name.equals(SUMS_FILE) ? MAX_SUMS_BYTES : -1;
            boolean regular = type == '0' || type == 0;
            if (regular && limit >= 0) {
                if (size > limit) {
                    throw new InvalidSnapshotException(name + " is too large: " + size + " bytes (limit " + limit + ")");
                }
                if (files.containsKey(name)) {
                    throw new InvalidSnapshotException("archive holds " + name + " twice");
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length < size) {
                    throw new InvalidSnapshotException("archive is truncated inside " + name);
                }
                files.put(name, data);
            } else {
                skipFully(in, size); // other entries (directories, extra files) carry nothing we restore
            }
            skipFully(in, (BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new InvalidSnapshotException("archive is truncated");
            }
            left -= r;
        }
    }

    private static void put(byte[] h, int at, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }

    private static long checksum(byte[] h) {
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        return sum;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int at, int len) {
        int end = at;
        while (end < at + len && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int at, int len) throws InvalidSnapshotException {
        String s = text(h, at, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new InvalidSnapshotException("corrupt tar header (bad number \"" + s + "\")");
        }
    }

    // ------------------------------------------------------------------ checksums

    private static byte[] require(Map<String, byte[]> files, String name) throws InvalidSnapshotException {
        byte[] data = files.get(name);
        if (data == null) {
            throw new InvalidSnapshotException("archive has no " + name);
        }
        return data;
    }

    private static Map<String, String> parseSums(byte[] sums) throws InvalidSnapshotException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : new String(sums, StandardCharsets.US_ASCII).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            if (sep != 64) {
                throw new InvalidSnapshotException("malformed " + SUMS_FILE + " line: " + line);
            }
            out.put(line.substring(sep + 2).strip(), line.substring(0, sep).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static void verify(Map<String, String> expected, String name, byte[] data)
            throws InvalidSnapshotException {
        String want = expected.get(name);
        if (want == null) {
            throw new InvalidSnapshotException(SUMS_FILE + " has no checksum for " + name);
        }
        if (!want.equals(sha256Hex(data))) {
            throw new InvalidSnapshotException("checksum mismatch for " + name + ": the archive is corrupt");
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
