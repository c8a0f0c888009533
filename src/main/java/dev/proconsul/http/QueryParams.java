package dev.proconsul.http;

import dev.proconsul.agent.cache.CacheControl;
import dev.proconsul.structs.GoDuration;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses Consul's common query parameters: dc, index, wait, stale/consistent/leader, filter, node-meta, tag. */
final class QueryParams {
    private QueryParams() {
    }

    static QueryOptions queryOptions(ApiRequest req) {
        Duration wait = null;
        String w = req.param("wait");
        if (w != null && !w.isEmpty()) {
            try {
                wait = GoDuration.parse(w);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Invalid wait time");
            }
        }
        long index = 0;
        String i = req.param("index");
        if (i != null && !i.isEmpty()) {
            index = parseUnsigned(i, "Invalid index");
            if (index < 0) {
                // A uint64 above Long.MAX_VALUE: no index of ours is that high, so the query answers at once.
                index = Long.MAX_VALUE;
            }
        }
        boolean stale = req.has("stale");
        boolean consistent = req.has("consistent");
        String maxStale = req.param("max_stale");
        if (maxStale != null && !maxStale.isEmpty()) {
            try {
                if (!GoDuration.parse(maxStale).isZero() && !GoDuration.parse(maxStale).isNegative()) {
                    stale = true;
                }
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Invalid max_stale value \"" + maxStale + "\"");
            }
        }
        if (stale && consistent) {
            throw HttpError.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }
        if (consistent && req.has("cached")) {
            throw HttpError.badRequest("Cannot specify ?cached with ?consistent, conflicting semantics.");
        }
        cacheControl(req); // Consul parses Cache-Control on every read, refusing a malformed one
        Consistency mode = stale ? Consistency.STALE : consistent ? Consistency.CONSISTENT : Consistency.DEFAULT;
        String dc = req.param("dc");
        String filter = req.param("filter");
        return new QueryOptions(dc, index, wait, mode, filter);
    }

    /** The request's {@code Cache-Control} directives the agent cache honours; 400 when malformed. */
    static CacheControl cacheControl(ApiRequest req) {
        try {
            return CacheControl.parse(req.header("Cache-Control"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    /** Go's strconv.ParseUint semantics; {@code message} is the 400 text. */
    static long parseUnsigned(String s, String message) {
        try {
            if (s.startsWith("+") || s.startsWith("-")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(message);
        }
    }

    /** The {@code ?node-meta=key:value} pairs (a pair without ':' means an empty value, as Consul). */
    static Map<String, String> nodeMeta(ApiRequest req) {
        List<String> raw = req.params("node-meta");
        if (raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                out.put(pair, "");
            } else {
                out.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return out;
    }

    /** A Go strconv.ParseBool-style flag where presence without a value means true. */
    static boolean flag(ApiRequest req, String name, String errorMessage) {
        if (!req.has(name)) {
            return false;
        }
        String v = req.param(name);
        return switch (v) {
            case "", "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw HttpError.badRequest(errorMessage);
        };
    }
}
