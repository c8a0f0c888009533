package dev.proconsul.state;

import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small builders for the commands the tests apply. */
final class Fixtures {
    private Fixtures() {
    }

    static RegisterRequest node(String name, String address) {
        return new RegisterRequest("dc1", null, name, address, null, null, null, null, null, false);
    }

    static RegisterRequest node(String name, String address, Map<String, String> meta) {
        return new RegisterRequest("dc1", null, name, address, null, meta, null, null, null, false);
    }

    static RegisterRequest nodeWithId(String name, String id, String address) {
        return new RegisterRequest("dc1", id, name, address, null, null, null, null, null, false);
    }

    static NodeService service(String id, String name, int port, String... tags) {
        return new NodeService(null, id, name, List.of(tags), null, null, null, port, null, false, null, null, 0, 0);
    }

    static RegisterRequest withService(String node, String address, NodeService svc) {
        return new RegisterRequest("dc1", null, node, address, null, null, svc, null, null, false);
    }

    static HealthCheck check(String id, String name, String status, String serviceId) {
        return new HealthCheck(null, id, name, status, null, null, serviceId, null, null, null, null, null, null, 0, 0);
    }

    static RegisterRequest withCheck(String node, String address, HealthCheck check) {
        return new RegisterRequest("dc1", null, node, address, null, null, null, check, null, false);
    }

    static RegisterRequest withServiceAndChecks(String node, String address, NodeService svc, HealthCheck... checks) {
        return new RegisterRequest("dc1", null, node, address, null, null, svc, null, List.of(checks), false);
    }

    static DeregisterRequest deregNode(String node) {
        return new DeregisterRequest("dc1", node, null, null);
    }

    static DeregisterRequest deregService(String node, String serviceId) {
        return new DeregisterRequest("dc1", node, serviceId, null);
    }

    static DeregisterRequest deregCheck(String node, String checkId) {
        return new DeregisterRequest("dc1", node, null, checkId);
    }

    static KVRequest kv(KVRequest.Verb verb, String key, String value, long casIndex) {
        return new KVRequest(verb, new KVEntry(0, key, 0, value == null ? null : bytes(value), null, 0, casIndex));
    }

    static KVRequest set(String key, String value) {
        return kv(KVRequest.Verb.SET, key, value, 0);
    }

    static KVRequest delete(String key) {
        return kv(KVRequest.Verb.DELETE, key, null, 0);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(KVEntry e) {
        return e == null || e.value() == null ? null : new String(e.value(), StandardCharsets.UTF_8);
    }
}
