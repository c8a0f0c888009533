package dev.proconsul.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An ordered list of query parameters, encoded the way Go's url.Values does (a flag parameter is {@code key=}). */
final class Query {
    private final List<Map.Entry<String, String>> params = new ArrayList<>();

    Query add(String key, String value) {
        params.add(Map.entry(key, value));
        return this;
    }

    Query addIfPresent(String key, String value) {
        if (value != null && !value.isEmpty()) {
            add(key, value);
        }
        return this;
    }

    /** A present-or-absent parameter such as {@code recurse} or {@code stale}. */
    Query flag(String key) {
        return add(key, "");
    }

    Query read(QueryOptions opts, String defaultDatacenter) {
        addIfPresent("dc", opts.datacenter() != null ? opts.datacenter() : defaultDatacenter);
        if (opts.allowStale()) {
            flag("stale");
        }
        if (opts.requireConsistent()) {
            flag("consistent");
        }
        if (opts.waitIndex() != 0) {
            add("index", Long.toUnsignedString(opts.waitIndex()));
        }
        if (opts.waitTime() != null) {
            add("wait", goDuration(opts.waitTime()));
        }
        addIfPresent("near", opts.near());
        opts.nodeMeta().forEach((k, v) -> add("node-meta", k + ":" + v));
        addIfPresent("filter", opts.filter());
        return this;
    }

    Query write(WriteOptions opts, String defaultDatacenter) {
        return addIfPresent("dc", opts.datacenter() != null ? opts.datacenter() : defaultDatacenter);
    }

    String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** Consul parses wait with Go's time.ParseDuration: "90s" and "1500ms" are both fine. */
    static String goDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** Escapes a path the way Go's url.URL does: '/' and sub-delimiters stay, the rest is percent-encoded. */
    static String escapePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.~/$&+,:;=@".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
