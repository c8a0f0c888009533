package dev.proconsul.http;

import dev.proconsul.structs.GoDuration;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.structs.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the body of PUT /v1/session/create the way Consul does: field names in any case, defaults for what is
 * absent (the agent's node, serfHealth, 15s lock-delay), LockDelay as a Go duration string or a number (below
 * 1000 it counts seconds, else nanoseconds), and the legacy Checks field reconciled with NodeChecks.
 */
final class SessionCreateBody {
    /** Numbers below this are seconds, as Consul's lockDelayMinThreshold decides. */
    private static final long LOCK_DELAY_SECONDS_THRESHOLD = 1000;

    private SessionCreateBody() {
    }

    static Session parse(byte[] body, String agentNode) {
        String name = "";
        String node = agentNode;
        long lockDelay = Session.DEFAULT_LOCK_DELAY_NANOS;
        String behavior = Session.RELEASE;
        String ttl = "";
        List<String> nodeChecks = List.of(Session.SERF_HEALTH);
        List<String> checks = List.of(Session.SERF_HEALTH);
        List<Session.ServiceCheck> serviceChecks = null;
        if (body != null && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            JsonNode root = readTree(body);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                switch (f.getKey().toLowerCase(Locale.ROOT)) {
                    case "name" -> name = string(v, "Name");
                    case "node" -> node = string(v, "Node");
                    case "lockdelay" -> lockDelay = lockDelay(v);
                    case "behavior" -> behavior = string(v, "Behavior");
                    case "ttl" -> ttl = string(v, "TTL");
                    case "nodechecks" -> nodeChecks = strings(v, "NodeChecks");
                    case "checks" -> checks = strings(v, "Checks");
                    case "servicechecks" -> serviceChecks = serviceChecks(v);
                    default -> {
                        // Unknown fields are ignored, as Go's decoder does.
                    }
                }
            }
        }
        // Consul's reconciliation of the pre-1.7 Checks field with NodeChecks.
        if (checks.isEmpty()) {
            nodeChecks = List.of();
            checks = null;
        } else if (checks.size() == 1 && checks.get(0).equals(Session.SERF_HEALTH)) {
            checks = null;
        }
        return Session.builder().name(name).node(node).lockDelay(lockDelay).behavior(behavior).ttl(ttl)
                .nodeChecks(nodeChecks).serviceChecks(serviceChecks).checks(checks).build();
    }

    private static JsonNode readTree(byte[] body) {
        try {
            JsonNode root = JsonCodec.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw decodeFailed("json: cannot unmarshal " + kind(root) + " into Go value of type structs.Session");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw decodeFailed(e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw decodeFailed(e.getMessage());
        }
    }

    private static long lockDelay(JsonNode v) {
        if (v.isNumber()) {
            long n = v.asLong();
            return n < LOCK_DELAY_SECONDS_THRESHOLD ? n * 1_000_000_000L : n;
        }
        if (v.isTextual()) {
            try {
                Duration d = dev.proconsul.structs.GoDuration.parse(v.asText());
                return d.toNanos();
            } catch (IllegalArgumentException e) {
                throw decodeFailed(e.getMessage());
            }
        }
        if (v.isNull()) {
            return 0;
        }
        throw decodeFailed("json: cannot unmarshal " + kind(v) + " into Go struct field Session.LockDelay of type "
                + "time.Duration");
    }

    private static String string(JsonNode v, String field) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw decodeFailed("json: cannot unmarshal " + kind(v) + " into Go struct field Session." + field
                    + " of type string");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode v, String field) {
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw decodeFailed("json: cannot unmarshal " + kind(v) + " into Go struct field Session." + field
                    + " of type []string");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            out.add(string(e, field));
        }
        return List.copyOf(out);
    }

    private static List<Session.ServiceCheck> serviceChecks(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw decodeFailed("json: cannot unmarshal " + kind(v) + " into Go struct field Session.ServiceChecks"
                    + " of type []structs.ServiceCheck");
        }
        List<Session.ServiceCheck> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw decodeFailed("json: cannot unmarshal " + kind(e) + " into Go struct field "
                        + "Session.ServiceChecks of type structs.ServiceCheck");
            }
            String id = "";
            String ns = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                switch (f.getKey().toLowerCase(Locale.ROOT)) {
                    case "id" -> id = string(f.getValue(), "ServiceChecks.ID");
                    case "namespace" -> ns = string(f.getValue(), "ServiceChecks.Namespace");
                    default -> {
                    }
                }
            }
            out.add(new Session.ServiceCheck(id, ns));
        }
        return List.copyOf(out);
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return v.isArray() ? "array" : "object";
    }

    private static HttpError decodeFailed(String why) {
        return HttpError.badRequest("Request decode failed: " + why);
    }
}
