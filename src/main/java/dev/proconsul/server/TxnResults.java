package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proconsul.structs.TxnResponse;

/**
 * Turns an applied transaction's value back into a {@link TxnResponse}: on the leader's own apply it already is
 * one, but a result forwarded between servers arrives as generic JSON (maps and lists) and is converted here.
 */
final class TxnResults {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TxnResults() {
    }

    static TxnResponse of(Object value) {
        if (value instanceof TxnResponse r) {
            return r;
        }
        if (value == null) {
            throw new EndpointException(EndpointException.Kind.INTERNAL, "transaction produced no result");
        }
        return JSON.convertValue(value, TxnResponse.class);
    }
}
