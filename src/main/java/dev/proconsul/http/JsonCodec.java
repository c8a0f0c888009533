package dev.proconsul.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON in and out, matching Go's encoding/json as Consul uses it: field names matched case-insensitively and
 * unknown fields ignored on input; on output map keys sorted (Go sorts a map's keys; a {@link JsonStruct} stands
 * for a Go struct and keeps its field order), floats printed as Go prints a float64, and the few shapes where the
 * HTTP answer differs from our records (Consul's struct tags) adjusted here, so that the records' storage forms
 * (Raft log, snapshots) stay as they are; {@code ?pretty} output indented by four spaces with a trailing newline.
 */
final class JsonCodec {
    // Jackson's default buffer recycling is per thread, which never reuses anything when every request runs on a
    // fresh virtual thread; a shared pool does.
    static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool()).build())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(Node.class, NodeJson.class)
            .addMixIn(NodeService.class, NodeServiceJson.class)
            .addMixIn(HealthCheck.class, HealthCheckJson.class)
            .addModule(GoJson.module())
            .build();

    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(goStylePrinter());

    private JsonCodec() {
    }

    /**
     * A node registered without tagged addresses shows {@code "TaggedAddresses": null} in Consul (a nil Go map);
     * clients such as consul-client fail on {@code {}} because they then expect the "lan"/"wan" keys.
     */
    abstract static class NodeJson {
        @JsonSerialize(using = EmptyMapAsNull.class)
        abstract Map<String, String> taggedAddresses();
    }

    /**
     * agent/structs.NodeService's tags: {@code Kind}, {@code TaggedAddresses} and {@code Port} are omitempty, and
     * {@code PeerName} is always printed (before the Raft indexes; {@link GoJson} adds it while the record has
     * none). {@code SocketPath} and {@code Locality} are omitempty and not carried yet, hence never printed.
     */
    abstract static class NodeServiceJson {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract String kind();

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract Map<String, Object> taggedAddresses();

        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract int port();
    }

    /** A check's Definition is Consul's HealthCheckDefinition struct, held as a map: its fields keep their order. */
    abstract static class HealthCheckJson {
        @JsonSerialize(using = GoJson.InOrder.class)
        abstract Map<String, Object> definition();
    }

    static final class EmptyMapAsNull extends JsonSerializer<Map<?, ?>> {
        @Override
        public void serialize(Map<?, ?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || value.isEmpty()) {
                gen.writeNull();
            } else {
                provider.defaultSerializeValue(value, gen);
            }
        }
    }

    private static DefaultPrettyPrinter goStylePrinter() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    static byte[] write(Object value, boolean pretty) throws JsonProcessingException {
        if (pretty) {
            return (PRETTY.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return COMPACT.writeValueAsBytes(value);
    }

    /**
     * Decodes a request body as {@code type}; an empty body or bad JSON is a 400 "Request decode failed: ...".
     */
    static <T> T decodeBody(byte[] body, Class<T> type) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw HttpError.badRequest("Request decode failed: EOF");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw HttpError.badRequest("Request decode failed: body is null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("Request decode failed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("Request decode failed: " + e.getMessage());
        }
    }
}
