package dev.proconsul.agent.checks;

import java.nio.charset.StandardCharsets;

/** Consul keeps at most 4 KiB of a check's output (check_output_max_size), cutting the rest. */
public final class OutputLimit {
    public static final int DEFAULT_MAX = 4096;

    private OutputLimit() {
    }

    public static String truncate(String output, int max) {
        if (output == null) {
            return "";
        }
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= max) {
            return output;
        }
        // Cut on a character boundary so the result stays valid UTF-8.
        int end = max;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Wraps a sink so that every output passing through it is cut to {@code max} bytes. */
    public static StatusSink limiting(StatusSink inner, int max) {
        return (status, output) -> inner.update(status, truncate(output, max));
    }
}
