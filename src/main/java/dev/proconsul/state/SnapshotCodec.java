package dev.proconsul.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The snapshot format (docs/snapshot-format.md): the line {@code PROCONSUL-SNAPSHOT <version>\n}, then one JSON
 * object with the store's indexes and the members of every registered {@link TableUnit}, in registration order,
 * streamed row by row so neither side holds a second copy of the store as a tree.
 */
final class SnapshotCodec {
    static final String MAGIC = "PROCONSUL-SNAPSHOT";
    static final int VERSION = 1;

    /**
     * The order version 1 files list their {@code Indexes} entries in (it interleaves units, so it cannot follow
     * registration order); entries of units added later follow, in registration order.
     */
    private static final List<String> V1_INDEX_ORDER = List.of("nodes", "services", "checks", "kvs", "tombstones",
            "connect-ca-roots", "service_last_extinction", "sessions", "coordinates");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private SnapshotCodec() {
    }

    // ------------------------------------------------------------------ write

    static void write(Tables t, OutputStream out) throws IOException {
        out.write((MAGIC + " " + VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("LastIndex", t.lastIndex());
            g.writeObjectFieldStart("Indexes");
            for (Map.Entry<String, Long> e : indexes(t).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            for (TableUnit unit : TableUnits.ALL) {
                unit.writeSections(t, g);
            }
            g.writeEndObject();
        }
        out.flush();
    }

    private static Map<String, Long> indexes(Tables t) {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (TableUnit unit : TableUnits.ALL) {
            unit.writeIndexes(t, byName::put);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String name : V1_INDEX_ORDER) {
            Long v = byName.remove(name);
            if (v != null) {
                ordered.put(name, v);
            }
        }
        ordered.putAll(byName);
        return ordered;
    }

    // ------------------------------------------------------------------ read

    static Tables read(InputStream in) throws IOException {
        readHeader(in);
        long lastIndex = 0;
        Map<String, Long> indexes = Map.of();
        List<TableUnit.SectionReader> readers = new ArrayList<>();
        for (TableUnit unit : TableUnits.ALL) {
            readers.add(unit.reader());
        }
        Tables.Builder out = new Tables.Builder();
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "LastIndex" -> lastIndex = p.getLongValue();
                    case "Indexes" -> indexes = readLongMap(p);
                    default -> readSection(readers, field, p);
                }
            }
            for (TableUnit.SectionReader r : readers) {
                r.finish(indexes, out);
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("corrupt snapshot: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("corrupt snapshot: " + e, e);
        }
        return out.build(lastIndex);
    }

    /** Hands a member to the unit that owns it; members no unit knows are skipped (the format may gain some). */
    private static void readSection(List<TableUnit.SectionReader> readers, String field, JsonParser p)
            throws IOException {
        for (TableUnit.SectionReader r : readers) {
            if (r.read(field, p)) {
                return;
            }
        }
        p.skipChildren();
    }

    private static void readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.size() > 64) {
                throw new IOException("not a Proconsul snapshot (bad header)");
            }
            line.write(b);
        }
        String[] parts = line.toString(StandardCharsets.US_ASCII).split(" ");
        if (parts.length != 2 || !parts[0].equals(MAGIC)) {
            throw new IOException("not a Proconsul snapshot (bad header)");
        }
        int version;
        try {
            version = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not a Proconsul snapshot (bad version)");
        }
        if (version != VERSION) {
            throw new IOException("unsupported snapshot format version " + version + " (this build reads " + VERSION + ")");
        }
    }

    static Map<String, Long> readLongMap(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Map<String, Long> out = new java.util.HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            out.put(k, p.getLongValue());
        }
        return out;
    }

    /** Writes member {@code name}: an array of each row's value, or of what {@code asRow} makes of it. */
    static <V> void writeRows(JsonGenerator g, String name, Iterable<Map.Entry<String, V>> rows,
                              Function<V, Object> asRow) throws IOException {
        g.writeArrayFieldStart(name);
        for (Map.Entry<String, V> e : rows) {
            g.writeObject(asRow.apply(e.getValue()));
        }
        g.writeEndArray();
    }

    static <T> List<T> readArray(JsonParser p, Class<T> type) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            T row = JSON.readValue(p, type);
            if (row == null) {
                throw new IOException("corrupt snapshot: null row in " + type.getSimpleName() + " table");
            }
            out.add(row);
        }
        return out;
    }

    private static void expect(JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new IOException("corrupt snapshot: expected " + want + " but found " + got);
        }
    }
}
