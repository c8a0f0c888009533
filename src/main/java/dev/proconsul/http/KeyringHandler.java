package dev.proconsul.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.agent.gossip.AgentGossip;
import dev.proconsul.agent.gossip.KeyringReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * /v1/operator/keyring: GET lists the keys of every pool, POST installs, PUT makes primary, DELETE removes, each
 * applied cluster-wide through Serf's key queries. Per-node failures come back as one error in Consul's
 * multi-error wording.
 */
public final class KeyringHandler implements HandlerGroup {
    /** Serf allows at most five relays per answer. */
    static final int MAX_RELAY_FACTOR = 5;
    private static final int MAX_BODY_BYTES = 4096;

    private final AgentGossip gossip;

    public KeyringHandler(AgentGossip gossip) {
        this.gossip = gossip;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyBody(@JsonProperty("Key") String key) {
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/operator/keyring", Set.of("GET", "POST", "PUT", "DELETE"), this::keyring);
    }

    private Reply keyring(ApiRequest req) throws Exception {
        int relayFactor = relayFactor(req);
        boolean localOnly = localOnly(req);
        AgentGossip.KeyOp op = switch (req.method()) {
            case "GET" -> AgentGossip.KeyOp.LIST;
            case "POST" -> AgentGossip.KeyOp.INSTALL;
            case "PUT" -> AgentGossip.KeyOp.USE;
            default -> AgentGossip.KeyOp.REMOVE;
        };
        if (localOnly && op != AgentGossip.KeyOp.LIST) {
            throw HttpError.badRequest("local-only can only be used for list operations");
        }
        String key = null;
        if (op != AgentGossip.KeyOp.LIST) {
            byte[] body = req.body(MAX_BODY_BYTES);
            if (body == null) {
                throw HttpError.badRequest("Request decode failed: body too large");
            }
            key = JsonCodec.decodeBody(body, KeyBody.class).key();
            if (key == null || key.isEmpty()) {
                throw HttpError.badRequest("Request decode failed: missing Key");
            }
        }
        List<KeyringReport> reports = gossip.keyring(op, key, relayFactor, localOnly);
        String error = errors(reports);
        if (!error.isEmpty()) {
            throw new HttpError(500, error);
        }
        if (op != AgentGossip.KeyOp.LIST) {
            return Reply.empty(200);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (KeyringReport r : reports) {
            out.add(json(r));
        }
        return Reply.json(out);
    }

    static Map<String, Object> json(KeyringReport r) {
        Map<String, Object> m = new JsonStruct();
        m.put("WAN", r.wan());
        m.put("Datacenter", r.datacenter());
        m.put("Segment", r.segment());
        m.put("Messages", new TreeMap<>(r.messages()));
        m.put("Keys", new TreeMap<>(r.keys()));
        m.put("PrimaryKeys", new TreeMap<>(r.primaryKeys()));
        m.put("NumNodes", r.numNodes());
        return m;
    }

    /** Consul's keyring errors: "<pool> error: <reason>" and then one line per failed node, as a Go multierror. */
    static String errors(List<KeyringReport> reports) {
        List<String> errs = new ArrayList<>();
        for (KeyringReport r : reports) {
            if (r.error().isEmpty()) {
                continue;
            }
            errs.add(r.poolName() + " error: " + r.error());
            new TreeMap<>(r.messages()).forEach((node, msg) -> errs.add(node + ": " + msg));
        }
        if (errs.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(errs.size()).append(errs.size() == 1 ? " error occurred:" : " errors occurred:");
        for (String e : errs) {
            sb.append("\n\t* ").append(e);
        }
        return sb.append("\n\n").toString();
    }

    private static int relayFactor(ApiRequest req) {
        String v = req.param("relay-factor");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Error parsing relay factor: strconv.ParseUint: parsing "
                    + dev.proconsul.structs.GoDuration.quote(v) + ": invalid syntax");
        }
        if (n < 0 || n > MAX_RELAY_FACTOR) {
            throw HttpError.badRequest("Relay factor must be in range: [0, 5]");
        }
        return n;
    }

    private static boolean localOnly(ApiRequest req) {
        String v = req.param("local-only");
        if (v == null || v.isEmpty()) {
            return req.has("local-only");
        }
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw HttpError.badRequest("Error parsing local-only: strconv.ParseBool: parsing "
                    + dev.proconsul.structs.GoDuration.quote(v) + ": invalid syntax");
        };
    }
}
