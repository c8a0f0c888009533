package dev.proconsul.raft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.ApplyResult;
import java.io.IOException;

/**
 * The reply the leader's state machine sends back for an applied command: a version byte, then JSON. Only crosses
 * the wire between servers of one cluster (never stored), but versioned all the same for rolling upgrades. The
 * value survives as JSON does: booleans, strings and numbers (which is what commands produce).
 */
final class ApplyResultCodec {
    static final byte VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Wire(@JsonProperty("Index") long index, @JsonProperty("Value") Object value,
                        @JsonProperty("Error") String error) {
    }

    private ApplyResultCodec() {
    }

    static byte[] encode(ApplyResult result) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(new Wire(result.index(), result.value(), result.error()));
            byte[] out = new byte[body.length + 1];
            out[0] = VERSION;
            System.arraycopy(body, 0, out, 1, body.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode apply result " + result + ": " + e.getMessage(), e);
        }
    }

    static ApplyResult decode(byte[] bytes) {
        if (bytes.length < 1 || bytes[0] != VERSION) {
            throw new IllegalStateException("unsupported apply result format"
                    + (bytes.length < 1 ? " (empty reply)" : " version " + (bytes[0] & 0xFF)));
        }
        try {
            Wire w = MAPPER.readValue(bytes, 1, bytes.length - 1, Wire.class);
            return new ApplyResult(w.index(), w.value(), w.error());
        } catch (IOException e) {
            throw new IllegalStateException("malformed apply result: " + e.getMessage(), e);
        }
    }
}
