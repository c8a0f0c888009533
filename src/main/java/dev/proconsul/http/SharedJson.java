package dev.proconsul.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of the last answer per read (e.g. one KV prefix), shared by the blocking queries that all wake for the
 * same write: 10,000 watchers of a prefix would otherwise encode the same entries 10,000 times. An answer is reused
 * only when it holds the very same (immutable) store rows, element by element, so it is exactly what encoding
 * afresh would give.
 */
final class SharedJson {
    /** Reads remembered at most; past that the memory is dropped and refilled by the next reads. */
    static final int MAX_READS = 256;
    /** Answers larger than this are not kept (encoding is cheap next to sending them anyway). */
    static final int MAX_BYTES = 64 << 10;

    private record Encoded(List<?> rows, byte[] json) {
    }

    private final ConcurrentHashMap<String, Encoded> last = new ConcurrentHashMap<>();

    /** The compact JSON of {@code rows}, the read named {@code read}; reuses the last bytes when rows are the same. */
    byte[] encode(String read, List<?> rows) throws JsonProcessingException {
        Encoded e = last.get(read);
        if (e != null && sameRows(e.rows, rows)) {
            return e.json;
        }
        byte[] json = JsonCodec.write(rows, false);
        if (json.length <= MAX_BYTES) {
            if (last.size() >= MAX_READS) {
                last.clear();
            }
            last.put(read, new Encoded(rows, json));
        }
        return json;
    }

    private static boolean sameRows(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
