package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.structs.Session;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions: {@code /v1/session/...}. A session is a lease that KV locks hang off. */
public final class SessionClient {
    private static final TypeReference<List<Session>> SESSIONS = new TypeReference<>() {
    };

    private final ConsulHttp http;

    SessionClient(ConsulHttp http) {
        this.http = http;
    }

    /**
     * What to create. Null fields are left out, so the agent's defaults apply (its own node, serfHealth, a 15s
     * lock-delay, behavior release, no TTL).
     *
     * @param ttl       a Go duration such as "15s" (10s to 24h), or null for none
     * @param behavior  "release" or "delete"
     * @param lockDelay how long a lock this session held stays blocked after the session is invalidated
     */
    public record Create(String name, String node, String ttl, String behavior, Duration lockDelay,
                         List<String> nodeChecks) {
        public static Create named(String name) {
            return new Create(name, null, null, null, null, null);
        }

        public Create withTtl(String newTtl) {
            return new Create(name, node, newTtl, behavior, lockDelay, nodeChecks);
        }

        public Create withBehavior(String newBehavior) {
            return new Create(name, node, ttl, newBehavior, lockDelay, nodeChecks);
        }

        public Create withLockDelay(Duration delay) {
            return new Create(name, node, ttl, behavior, delay, nodeChecks);
        }

        public Create withNodeChecks(List<String> checks) {
            return new Create(name, node, ttl, behavior, lockDelay, checks);
        }
    }

    /** Creates a session; returns its ID. */
    public String create(Create c, WriteOptions opts) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfSet(body, "Name", c.name());
        putIfSet(body, "Node", c.node());
        putIfSet(body, "TTL", c.ttl());
        putIfSet(body, "Behavior", c.behavior());
        if (c.lockDelay() != null) {
            body.put("LockDelay", c.lockDelay().toMillis() + "ms");
        }
        putIfSet(body, "NodeChecks", c.nodeChecks());
        byte[] json;
        try {
            json = ConsulHttp.JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("encoding a map cannot fail", e);
        }
        Query q = new Query();
        q.write(opts, http.defaultDatacenter());
        JsonNode r = ConsulHttp.tree(http.require("PUT", "/v1/session/create", q, json, opts.token()));
        return r.path("ID").asText();
    }

    /** Destroys a session; its locks are released or its keys deleted, as its behavior says. */
    public boolean destroy(String id, WriteOptions opts) {
        Query q = new Query();
        q.write(opts, http.defaultDatacenter());
        return http.require("PUT", "/v1/session/destroy/" + id, q, new byte[0], opts.token()).text().trim()
                .equals("true");
    }

    /** Renews a TTL session; empty when the session no longer exists (it expired or was destroyed). */
    public Optional<Session> renew(String id, WriteOptions opts) {
        Query q = new Query();
        q.write(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.exchange("PUT", "/v1/session/renew/" + id, q, new byte[0], opts.token());
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() / 100 != 2) {
            throw ConsulHttp.error(r);
        }
        List<Session> s = ConsulHttp.decode(r, SESSIONS);
        return s == null ? Optional.empty() : s.stream().findFirst();
    }

    /** One session; empty when unknown. */
    public QueryResult<Optional<Session>> info(String id, QueryOptions opts) {
        Query q = new Query();
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.require("GET", "/v1/session/info/" + id, q, null, opts.token());
        List<Session> s = ConsulHttp.decode(r, SESSIONS);
        return new QueryResult<>(s == null ? Optional.empty() : s.stream().findFirst(), ConsulHttp.meta(r));
    }

    /** Every session in the datacenter. */
    public List<Session> list() {
        Query q = new Query();
        q.read(QueryOptions.DEFAULT, http.defaultDatacenter());
        List<Session> s = ConsulHttp.decode(http.require("GET", "/v1/session/list", q, null, null), SESSIONS);
        return s == null ? List.of() : s;
    }

    private static void putIfSet(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
