package dev.proconsul.raft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.TxnResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reply the leader's state machine sends back for an applied command. Only crosses the wire between servers of
 * one cluster (never stored), but versioned all the same for rolling upgrades.
 *
 * <p>Version 2 (written): {@code 0x02}, index (8 bytes), value tag (0 none, 1 true, 2 false, 3 long + 8 bytes,
 * 4 JSON + the rest up to the error), error length + 1 (4 bytes; 0 = none), error UTF-8. Every write gets one of
 * these, so it is built without JSON for the values commands produce (booleans, mostly). Version 1 (JSON) is
 * still read. Values map to the wire as: {@link ApplyResult.Flag} true/false, {@link ApplyResult.Number} long,
 * {@link ApplyResult.SessionId} a JSON string, {@link ApplyResult.Txn} the JSON object of its TxnResponse; a JSON
 * value is typed back by its shape (string, object, boolean, number).
 */
final class ApplyResultCodec {
    static final byte VERSION_JSON = 1;
    static final byte VERSION = 2;
    private static final byte NONE = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte LONG = 3;
    private static final byte JSON = 4;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Wire(@JsonProperty("Index") long index, @JsonProperty("Value") JsonNode value,
                        @JsonProperty("Error") String error) {
    }

    private ApplyResultCodec() {
    }

    static byte[] encode(ApplyResult result) {
        ApplyResult.Value v = result.value();
        byte[] json = null;
        int valueSize = 1;
        if (v instanceof ApplyResult.Number) {
            valueSize += Long.BYTES;
        } else if (v != null && !(v instanceof ApplyResult.Flag)) {
            try {
                json = MAPPER.writeValueAsBytes(jsonForm(v));
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode apply result " + result + ": " + e.getMessage(), e);
            }
            valueSize += Integer.BYTES + json.length;
        }
        byte[] error = result.error() == null ? null : result.error().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + Long.BYTES + valueSize + Integer.BYTES + (error == null ? 0 : error.length));
        out.put(VERSION).putLong(result.index());
        switch (v) {
            case null -> out.put(NONE);
            case ApplyResult.Flag f -> out.put(f.ok() ? TRUE : FALSE);
            case ApplyResult.Number n -> out.put(LONG).putLong(n.value());
            default -> out.put(JSON).putInt(json.length).put(json);
        }
        out.putInt(error == null ? 0 : error.length + 1);
        if (error != null) {
            out.put(error);
        }
        return out.array();
    }

    /** The value as earlier versions put it in JSON (a Boolean, a number, the ID string, the TxnResponse). */
    private static Object jsonForm(ApplyResult.Value v) {
        return switch (v) {
            case null -> null;
            case ApplyResult.Flag f -> f.ok();
            case ApplyResult.Number n -> n.value();
            case ApplyResult.SessionId s -> s.id();
            case ApplyResult.Txn t -> t.response();
        };
    }

    /** A JSON value typed back by its shape. */
    private static ApplyResult.Value fromJson(JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return ApplyResult.Flag.of(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return new ApplyResult.Number(node.longValue());
        }
        if (node.isTextual()) {
            return new ApplyResult.SessionId(node.textValue());
        }
        if (node.isObject()) {
            return new ApplyResult.Txn(MAPPER.treeToValue(node, TxnResponse.class));
        }
        throw new IllegalStateException("malformed apply result: unexpected value " + node.getNodeType());
    }

    static ApplyResult decode(byte[] bytes) {
        if (bytes.length < 1 || (bytes[0] != VERSION && bytes[0] != VERSION_JSON)) {
            throw new IllegalStateException("unsupported apply result format"
                    + (bytes.length < 1 ? " (empty reply)" : " version " + (bytes[0] & 0xFF)));
        }
        if (bytes[0] == VERSION_JSON) {
            return decodeJson(bytes);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            long index = in.getLong();
            ApplyResult.Value value = switch (in.get()) {
                case NONE -> null;
                case TRUE -> ApplyResult.Flag.TRUE;
                case FALSE -> ApplyResult.Flag.FALSE;
                case LONG -> new ApplyResult.Number(in.getLong());
                case JSON -> {
                    byte[] json = new byte[in.getInt()];
                    in.get(json);
                    yield fromJson(MAPPER.readTree(json));
                }
                default -> throw new IllegalStateException("malformed apply result: unknown value tag");
            };
            int errorLength = in.getInt();
            String error = null;
            if (errorLength > 0) {
                byte[] e = new byte[errorLength - 1];
                in.get(e);
                error = new String(e, StandardCharsets.UTF_8);
            }
            return new ApplyResult(index, value, error);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("malformed apply result: " + e, e);
        }
    }

    private static ApplyResult decodeJson(byte[] bytes) {
        try {
            Wire w = MAPPER.readValue(bytes, 1, bytes.length - 1, Wire.class);
            return new ApplyResult(w.index(), fromJson(w.value()), w.error());
        } catch (IOException e) {
            throw new IllegalStateException("malformed apply result: " + e.getMessage(), e);
        }
    }

    /** Version 1, for tests of mixed-version replies. */
    static byte[] encodeJson(ApplyResult result) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(new Wire(result.index(),
                    result.value() == null ? null : MAPPER.valueToTree(jsonForm(result.value())), result.error()));
            byte[] out = new byte[body.length + 1];
            out[0] = VERSION_JSON;
            System.arraycopy(body, 0, out, 1, body.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode apply result " + result + ": " + e.getMessage(), e);
        }
    }
}
