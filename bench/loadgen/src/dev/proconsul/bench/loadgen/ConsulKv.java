package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Proconsul through Consul's KV API: PUT/GET /v1/kv/&lt;key&gt;, ?stale, blocking ?index= on a recursive prefix read. */
final class ConsulKv implements KvTarget {
    static final String WATCH_PREFIX = "wk/";
    private static final String WAIT = "5m";

    private final int port;
    private final Keyspace keys;
    private final String[] paths;
    private final String[] stalePaths;

    ConsulKv(int port, Keyspace keys) {
        this.port = port;
        this.keys = keys;
        paths = new String[keys.size()];
        stalePaths = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            paths[i] = "/v1/kv/" + keys.key(i);
            stalePaths[i] = paths[i] + "?stale";
        }
    }

    @Override
    public String role() {
        return "proconsul";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean put(Http1Connection c, int i) throws IOException {
        Http1Connection.Response r = c.exchange("PUT", paths[i], keys.value());
        return r.status() == 200 && r.body().length == 4; // "true"
    }

    @Override
    public boolean get(Http1Connection c, int i, boolean stale) throws IOException {
        return c.exchange("GET", stale ? stalePaths[i] : paths[i], null).status() == 200;
    }

    @Override
    public void putUnderWatchedPrefix(Http1Connection c, String suffix) throws IOException {
        Http1Connection.Response r = c.exchange("PUT", "/v1/kv/" + WATCH_PREFIX + suffix,
                suffix.getBytes(StandardCharsets.US_ASCII));
        if (r.status() != 200) {
            throw new IOException("PUT under the watched prefix answered " + r.status() + ": " + r.text());
        }
    }

    @Override
    public long currentPrefixIndex(Http1Connection c) throws IOException {
        Http1Connection.Response r = c.exchange("GET", "/v1/kv/" + WATCH_PREFIX + "?recurse", null);
        if (r.consulIndex() <= 0) {
            throw new IOException("prefix read answered " + r.status() + " without X-Consul-Index");
        }
        return r.consulIndex();
    }

    @Override
    public PrefixWatcher newWatcher(long fromIndex) {
        return new PrefixWatcher() {
            private long index = fromIndex;

            @Override
            public void open(Http1Connection c) throws IOException {
                park(c);
            }

            @Override
            public void awaitChange(Http1Connection c) throws IOException {
                while (true) {
                    Http1Connection.Response r = c.readResponse();
                    if (r.status() != 200) {
                        throw new IOException("blocking query answered " + r.status() + ": " + r.text());
                    }
                    if (r.consulIndex() > index) {
                        index = r.consulIndex();
                        return;
                    }
                    park(c); // a timeout or spurious wake-up: park again with the same index
                }
            }

            @Override
            public void rearm(Http1Connection c) throws IOException {
                park(c);
            }

            private void park(Http1Connection c) throws IOException {
                c.send("GET", "/v1/kv/" + WATCH_PREFIX + "?recurse&index=" + index + "&wait=" + WAIT, null);
            }
        };
    }
}
