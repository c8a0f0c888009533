package dev.proconsul.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A watch's data as JSON: compact with a final newline for a handler's stdin (Go's json.Encoder), indented by four
 * spaces for the terminal (what Consul's watch prints without a handler).
 */
final class WatchJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WatchJson() {
    }

    static byte[] forHandler(Object data) {
        try {
            return (MAPPER.writeValueAsString(data) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new CommandFailed("Error encoding output: " + e.getOriginalMessage());
        }
    }

    static String indented(Object data) {
        try {
            Object plain = MAPPER.readValue(MAPPER.writeValueAsBytes(data), Object.class);
            return GoJson.indent(plain, "    ");
        } catch (IOException e) {
            throw new CommandFailed("Error encoding output: " + e.getMessage());
        }
    }
}
