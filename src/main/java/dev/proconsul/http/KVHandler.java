package dev.proconsul.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.proconsul.endpoint.KVEndpoint;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** /v1/kv/&lt;key&gt;: GET (recurse, keys, separator, raw), PUT (flags, cas, acquire, release), DELETE (recurse, cas). */
final class KVHandler implements HandlerGroup {
    private final Endpoints endpoints;
    private final SharedJson shared = new SharedJson();

    KVHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/kv/", Set.of("GET", "PUT", "DELETE"), req -> switch (req.method()) {
            case "GET" -> req.has("keys") ? keys(req) : get(req);
            case "PUT" -> put(req);
            default -> delete(req);
        });
    }

    private KVEndpoint kvs() {
        return endpoints.kv();
    }

    /** A blocking read (?index=) parks without holding its thread: see {@link KVEndpoint#getAsync}. */
    private Reply get(ApiRequest req) throws Exception {
        QueryOptions opts = QueryParams.queryOptions(req);
        String key = req.remainder();
        boolean blocking = opts.minQueryIndex() > 0;
        if (req.has("recurse")) {
            return blocking ? Reply.deferred(kvs().listAsync(key, opts).thenApply(r -> listReply(req, key, r)))
                    : listReply(req, key, kvs().list(key, opts));
        }
        if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        return blocking ? Reply.deferred(kvs().getAsync(key, opts).thenApply(r -> getReply(req, key, r)))
                : getReply(req, key, kvs().get(key, opts));
    }

    private Reply listReply(ApiRequest req, String key, QueryResult<List<KVEntry>> r) {
        if (r.value().isEmpty()) {
            return Reply.empty(404).meta(r.meta());
        }
        return shareable(req) ? Reply.raw(200, "application/json", sharedJson("prefix:" + key, r.value())).meta(r.meta())
                : Reply.json(r.value()).meta(r.meta());
    }

    private Reply getReply(ApiRequest req, String key, QueryResult<KVEntry> r) {
        if (r.value() == null) {
            return Reply.empty(404).meta(r.meta());
        }
        if (req.has("raw")) {
            byte[] value = r.value().value() == null ? new byte[0] : r.value().value();
            // Same defences as Consul against a browser rendering a stored value as a page.
            return Reply.raw(200, "text/plain", value).meta(r.meta())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox");
        }
        List<KVEntry> rows = List.of(r.value());
        return shareable(req) ? Reply.raw(200, "application/json", sharedJson("key:" + key, rows)).meta(r.meta())
                : Reply.json(rows).meta(r.meta());
    }

    private byte[] sharedJson(String read, List<?> rows) {
        try {
            return shared.encode(read, rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // our own rows: a bug, answered with a 500
        }
    }

    /** Blocking queries wake in crowds after one write and answer the same rows: their JSON is encoded once. */
    private static boolean shareable(ApiRequest req) {
        return req.has("index") && !req.has("pretty");
    }

    private Reply keys(ApiRequest req) {
        QueryOptions opts = QueryParams.queryOptions(req);
        String separator = req.has("separator") ? req.param("separator")
                : req.has("seperator") ? req.param("seperator") : ""; // Consul still accepts its old misspelling
        String prefix = req.remainder();
        QueryResult<List<String>> r = kvs().keys(prefix, separator, opts);
        if (r.value().isEmpty() && !prefix.isEmpty()) {
            return Reply.empty(404).meta(r.meta());
        }
        return Reply.json(r.value()).meta(r.meta());
    }

    private Reply put(ApiRequest req) throws Exception {
        String key = req.remainder();
        if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        conflicting(req, "cas", "acquire", "release");
        long flags = req.has("flags") ? parseUint(req.param("flags")) : 0;
        KVRequest.Verb verb = KVRequest.Verb.SET;
        long cas = 0;
        String session = null;
        if (req.has("cas")) {
            cas = parseUint(req.param("cas"));
            verb = KVRequest.Verb.CAS;
        }
        if (req.has("acquire")) {
            session = req.param("acquire");
            verb = KVRequest.Verb.LOCK;
        }
        if (req.has("release")) {
            session = req.param("release");
            verb = KVRequest.Verb.UNLOCK;
        }
        long declared = req.contentLength();
        if (declared > KVEndpoint.MAX_VALUE_SIZE) {
            throw new HttpError(413, KVEndpoint.tooLargeMessage(declared));
        }
        byte[] value = req.body(KVEndpoint.MAX_VALUE_SIZE);
        if (value == null) {
            throw new HttpError(413, KVEndpoint.tooLargeMessage(declared > 0 ? declared : KVEndpoint.MAX_VALUE_SIZE + 1L));
        }
        KVEntry entry = new KVEntry(0, key, flags, value, session, 0, cas);
        boolean ok = kvs().apply(req.param("dc"), new KVRequest(verb, entry));
        // A plain set always answers true, as Consul does; CAS and locks answer whether they held.
        return Reply.json(verb == KVRequest.Verb.SET || ok);
    }

    private Reply delete(ApiRequest req) {
        String key = req.remainder();
        conflicting(req, "recurse", "cas");
        KVRequest.Verb verb = KVRequest.Verb.DELETE;
        long cas = 0;
        if (req.has("recurse")) {
            verb = KVRequest.Verb.DELETE_TREE;
        } else if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        if (req.has("cas")) {
            cas = parseUint(req.param("cas"));
            verb = KVRequest.Verb.DELETE_CAS;
        }
        boolean ok = kvs().apply(req.param("dc"), new KVRequest(verb, new KVEntry(0, key, 0, null, null, 0, cas)));
        return Reply.json(verb != KVRequest.Verb.DELETE_CAS || ok);
    }

    /** Consul refuses combinations of mutually exclusive flags with the request's parameters echoed back. */
    private static void conflicting(ApiRequest req, String... flags) {
        boolean found = false;
        for (String f : flags) {
            if (req.has(f)) {
                if (found) {
                    throw HttpError.badRequest("Conflicting flags: " + UrlCodec.encode(req.allParams()) + "\n");
                }
                found = true;
            }
        }
    }

    /** Go's strconv.ParseUint, with its error text (Consul passes it through). */
    private static long parseUint(String s) {
        return QueryParams.parseUnsigned(s, "strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
    }
}
