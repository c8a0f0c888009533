package dev.proconsul.bench.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * etcd through its v3 JSON gateway: POST /v3/kv/put, /v3/kv/range (linearizable, or {@code serializable: true}),
 * and /v3/watch on a prefix (a streamed response: one JSON message per line).
 */
final class EtcdKv implements KvTarget {
    static final String WATCH_PREFIX = "wk/";

    private final int port;
    private final byte[][] putBodies;
    private final byte[][] rangeBodies;
    private final byte[][] serializableBodies;

    EtcdKv(int port, Keyspace keys) {
        this.port = port;
        String value = b64(keys.value());
        putBodies = new byte[keys.size()][];
        rangeBodies = new byte[keys.size()][];
        serializableBodies = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            String key = b64(keys.key(i).getBytes(StandardCharsets.US_ASCII));
            putBodies[i] = json("{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}");
            rangeBodies[i] = json("{\"key\":\"" + key + "\"}");
            serializableBodies[i] = json("{\"key\":\"" + key + "\",\"serializable\":true}");
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String role() {
        return "anchor";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean put(Http1Connection c, int i) throws IOException {
        return c.exchange("POST", "/v3/kv/put", putBodies[i]).status() == 200;
    }

    @Override
    public boolean get(Http1Connection c, int i, boolean stale) throws IOException {
        Http1Connection.Response r = c.exchange("POST", "/v3/kv/range", stale ? serializableBodies[i] : rangeBodies[i]);
        return r.status() == 200 && r.body().length > 150; // a hit carries "kvs"; a miss is only the header
    }

    @Override
    public void putUnderWatchedPrefix(Http1Connection c, String suffix) throws IOException {
        byte[] body = json("{\"key\":\"" + b64((WATCH_PREFIX + suffix).getBytes(StandardCharsets.US_ASCII))
                + "\",\"value\":\"" + b64(suffix.getBytes(StandardCharsets.US_ASCII)) + "\"}");
        Http1Connection.Response r = c.exchange("POST", "/v3/kv/put", body);
        if (r.status() != 200) {
            throw new IOException("etcd put answered " + r.status() + ": " + r.text());
        }
    }

    @Override
    public long currentPrefixIndex(Http1Connection c) {
        return 0;
    }

    @Override
    public PrefixWatcher newWatcher(long fromIndex) {
        // range_end = the prefix with its last byte incremented: every key starting with the prefix
        byte[] end = WATCH_PREFIX.getBytes(StandardCharsets.US_ASCII);
        end[end.length - 1]++;
        byte[] create = json("{\"create_request\":{\"key\":\"" + b64(WATCH_PREFIX.getBytes(StandardCharsets.US_ASCII))
                + "\",\"range_end\":\"" + b64(end) + "\"}}");
        return new PrefixWatcher() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
            private byte[] chunk = new byte[0];
            private int pos;

            @Override
            public void open(Http1Connection c) throws IOException {
                c.send("POST", "/v3/watch", create);
                Http1Connection.Head head = c.readHead();
                if (head.status != 200 || !head.chunked) {
                    throw new IOException("watch answered " + head.status + (head.chunked ? "" : " unstreamed"));
                }
                String first = nextLine(c);
                if (!first.contains("\"created\":true")) {
                    throw new IOException("watch not created: " + first);
                }
            }

            @Override
            public void awaitChange(Http1Connection c) throws IOException {
                String line;
                do {
                    line = nextLine(c);
                } while (!line.contains("\"events\""));
            }

            @Override
            public void rearm(Http1Connection c) {
                // a watch stream stays open: nothing to send
            }

            private String nextLine(Http1Connection c) throws IOException {
                while (true) {
                    while (pos < chunk.length) {
                        byte b = chunk[pos++];
                        if (b == '\n') {
                            String line = pending.toString(StandardCharsets.UTF_8);
                            pending.reset();
                            if (!line.isBlank()) {
                                return line;
                            }
                        } else {
                            pending.write(b);
                        }
                    }
                    chunk = c.readChunk();
                    pos = 0;
                    if (chunk == null) {
                        throw new IOException("watch stream ended");
                    }
                }
            }
        };
    }
}
