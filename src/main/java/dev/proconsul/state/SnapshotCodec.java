package dev.proconsul.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The snapshot format (docs/snapshot-format.md): the line {@code PROCONSUL-SNAPSHOT <version>\n}, then one JSON
 * object with the store's indexes and one array per table, streamed row by row so neither side holds a second copy
 * of the store as a tree.
 */
final class SnapshotCodec {
    static final String MAGIC = "PROCONSUL-SNAPSHOT";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private SnapshotCodec() {
    }

    record ServiceRow(@com.fasterxml.jackson.annotation.JsonProperty("Node") String node,
                      @com.fasterxml.jackson.annotation.JsonProperty("Service") NodeService service) {
    }

    record Tombstone(@com.fasterxml.jackson.annotation.JsonProperty("Key") String key,
                     @com.fasterxml.jackson.annotation.JsonProperty("Index") long index) {
    }

    record CoordinateRow(@com.fasterxml.jackson.annotation.JsonProperty("Node") String node,
                         @com.fasterxml.jackson.annotation.JsonProperty("Segment") String segment,
                         @com.fasterxml.jackson.annotation.JsonProperty("Coord") Coordinate coord,
                         @com.fasterxml.jackson.annotation.JsonProperty("CreateIndex") long createIndex,
                         @com.fasterxml.jackson.annotation.JsonProperty("ModifyIndex") long modifyIndex) {
    }

    /** CARoots including the private key, which the API-facing record never serialises. */
    record CAState(@com.fasterxml.jackson.annotation.JsonProperty("ClusterID") String clusterId,
                   @com.fasterxml.jackson.annotation.JsonProperty("ActiveRootID") String activeRootId,
                   @com.fasterxml.jackson.annotation.JsonProperty("Roots") List<CARoot> roots,
                   @com.fasterxml.jackson.annotation.JsonProperty("PrivateKey") String privateKeyPem) {
    }

    // ------------------------------------------------------------------ write

    static void write(Tables t, OutputStream out) throws IOException {
        out.write((MAGIC + " " + VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("LastIndex", t.lastIndex());
            g.writeObjectFieldStart("Indexes");
            g.writeNumberField("nodes", t.nodes().index());
            g.writeNumberField("services", t.services().index());
            g.writeNumberField("checks", t.checks().index());
            g.writeNumberField("kvs", t.kvs().index());
            g.writeNumberField("tombstones", t.graveyard().index());
            g.writeNumberField("connect-ca-roots", t.ca().index());
            g.writeNumberField("service_last_extinction", t.services().lastExtinction());
            g.writeNumberField("sessions", t.sessions().index());
            g.writeNumberField("coordinates", t.coordinates().index());
            g.writeEndObject();
            g.writeObjectFieldStart("ServiceIndexes");
            for (Map.Entry<String, Long> e : t.services().nameIndexes()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("Nodes");
            for (Map.Entry<String, Node> e : t.nodes().rows()) {
                JSON.writeValue(g, e.getValue());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Services");
            for (Map.Entry<String, NodeService> e : t.services().rows()) {
                String nodeKey = e.getKey().substring(0, e.getKey().indexOf(Keys.SEP));
                JSON.writeValue(g, new ServiceRow(t.nodes().rows().get(nodeKey).node(), e.getValue()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Checks");
            for (Map.Entry<String, HealthCheck> e : t.checks().rows()) {
                JSON.writeValue(g, e.getValue());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("KVs");
            for (Map.Entry<String, KVEntry> e : t.kvs().entries()) {
                JSON.writeValue(g, e.getValue());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Tombstones");
            for (Map.Entry<String, Long> e : t.graveyard().tombstones()) {
                JSON.writeValue(g, new Tombstone(e.getKey(), e.getValue()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Sessions");
            for (Map.Entry<String, Session> e : t.sessions().rows()) {
                JSON.writeValue(g, e.getValue());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Coordinates");
            for (Map.Entry<String, CoordinatesTable.Row> e : t.coordinates().rows()) {
                CoordinatesTable.Row r = e.getValue();
                JSON.writeValue(g, new CoordinateRow(r.node(), r.segment(), r.coord(), r.createIndex(),
                        r.modifyIndex()));
            }
            g.writeEndArray();
            CARoots ca = t.ca().roots();
            g.writeFieldName("CA");
            JSON.writeValue(g, new CAState(ca.clusterId(), ca.activeRootId(), ca.roots(), ca.privateKeyPem()));
            g.writeEndObject();
        }
        out.flush();
    }

    // ------------------------------------------------------------------ read

    static Tables read(InputStream in) throws IOException {
        readHeader(in);
        long lastIndex = 0;
        Map<String, Long> indexes = Map.of();
        Map<String, Long> serviceIndexes = Map.of();
        NodesTable nodes = NodesTable.EMPTY;
        ServicesTable services = ServicesTable.EMPTY;
        ChecksTable checks = ChecksTable.EMPTY;
        KVTable kvs = KVTable.EMPTY;
        Graveyard graveyard = Graveyard.EMPTY;
        CARoots ca = CATable.NONE;
        SessionsTable sessions = SessionsTable.EMPTY;
        CoordinatesTable coordinates = CoordinatesTable.EMPTY;
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "LastIndex" -> lastIndex = p.getLongValue();
                    case "Indexes" -> indexes = readLongMap(p);
                    case "ServiceIndexes" -> serviceIndexes = readLongMap(p);
                    case "Nodes" -> {
                        for (Node n : readArray(p, Node.class)) {
                            nodes = nodes.put(n, 0);
                        }
                    }
                    case "Services" -> {
                        for (ServiceRow r : readArray(p, ServiceRow.class)) {
                            services = services.put(r.node(), r.service(), 0);
                        }
                    }
                    case "Checks" -> {
                        for (HealthCheck c : readArray(p, HealthCheck.class)) {
                            checks = checks.put(freeze(c), 0);
                        }
                    }
                    case "KVs" -> {
                        for (KVEntry e : readArray(p, KVEntry.class)) {
                            kvs = kvs.put(e, 0);
                        }
                    }
                    case "Tombstones" -> {
                        for (Tombstone ts : readArray(p, Tombstone.class)) {
                            graveyard = graveyard.bury(ts.key(), ts.index());
                        }
                    }
                    case "Sessions" -> {
                        for (Session s : readArray(p, Session.class)) {
                            sessions = sessions.put(s, 0);
                        }
                    }
                    case "Coordinates" -> {
                        for (CoordinateRow r : readArray(p, CoordinateRow.class)) {
                            if (r.node() == null || r.coord() == null) {
                                throw new IOException("corrupt snapshot: coordinate row without node or Coord");
                            }
                            coordinates = coordinates.put(new CoordinatesTable.Row(r.node(),
                                    r.segment() == null ? "" : r.segment(), r.coord(), r.createIndex(),
                                    r.modifyIndex()), 0);
                        }
                    }
                    case "CA" -> {
                        CAState s = value == JsonToken.VALUE_NULL ? null : JSON.readValue(p, CAState.class);
                        ca = s == null ? CATable.NONE : new CARoots(s.clusterId(), s.activeRootId(),
                                s.roots() == null ? List.of() : Collections.unmodifiableList(s.roots()),
                                s.privateKeyPem());
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("corrupt snapshot: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("corrupt snapshot: " + e, e);
        }
        PersistentSortedMap<String, Long> names = PersistentSortedMap.empty();
        for (Map.Entry<String, Long> e : serviceIndexes.entrySet()) {
            names = names.put(e.getKey(), e.getValue());
        }
        return new Tables(0, lastIndex,
                new NodesTable(nodes.rows(), nodes.byId(), indexes.getOrDefault("nodes", 0L)),
                new ServicesTable(services.rows(), services.byName(), names,
                        indexes.getOrDefault("service_last_extinction", 0L), indexes.getOrDefault("services", 0L)),
                new ChecksTable(checks.rows(), checks.byService(), indexes.getOrDefault("checks", 0L)),
                new KVTable(kvs.entries(), indexes.getOrDefault("kvs", 0L)),
                new Graveyard(graveyard.tombstones(), indexes.getOrDefault("tombstones", 0L)),
                new CATable(ca, indexes.getOrDefault("connect-ca-roots", 0L)),
                new SessionsTable(sessions.rows(), sessions.byNode(), sessions.byCheck(),
                        indexes.getOrDefault("sessions", 0L)),
                coordinates.withIndex(indexes.getOrDefault("coordinates", 0L)));
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

    private static Map<String, Long> readLongMap(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Map<String, Long> out = new java.util.HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            out.put(k, p.getLongValue());
        }
        return out;
    }

    private static <T> List<T> readArray(JsonParser p, Class<T> type) throws IOException {
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

    private static HealthCheck freeze(HealthCheck c) {
        return new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(), c.output(), c.serviceId(),
                c.serviceName(), c.serviceTags() == null ? List.of() : c.serviceTags(), c.type(), c.interval(),
                c.timeout(), c.definition() == null ? Map.of() : c.definition(), c.createIndex(), c.modifyIndex());
    }

    private static void expect(JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new IOException("corrupt snapshot: expected " + want + " but found " + got);
        }
    }
}
