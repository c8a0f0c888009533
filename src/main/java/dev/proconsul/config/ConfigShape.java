package dev.proconsul.config;

import java.util.Set;

/**
 * Brings HCL- and JSON-sourced trees to one shape, the one Consul's JSON uses. HCL writes every block as a list of
 * objects; a block list holding one object becomes that object, except under keys that really are lists (services,
 * checks, watches, upstreams, ...), which stay lists. JSON nulls mean "unset" and are dropped. The singular
 * {@code service} and {@code check} are always lists of objects, so that merging files appends them.
 */
final class ConfigShape {
    /** Key paths (dotted, list elements share their list's path) whose values are lists of objects. */
    private static final Set<String> LIST_PATHS = Set.of(
            "service",
            "check",
            "services",
            "checks",
            "segments",
            "watches",
            "service.checks",
            "services.checks",
            "service.connect.proxy.config.upstreams",
            "services.connect.proxy.config.upstreams",
            "service.connect.proxy.upstreams",
            "services.connect.proxy.upstreams",
            "service.proxy.upstreams",
            "services.proxy.upstreams",
            "service.proxy.expose.paths",
            "services.proxy.expose.paths",
            "service.connect.sidecar_service.checks",
            "services.connect.sidecar_service.checks",
            "service.connect.sidecar_service.proxy.upstreams",
            "services.connect.sidecar_service.proxy.upstreams",
            "service.connect.sidecar_service.proxy.expose.paths",
            "services.connect.sidecar_service.proxy.expose.paths",
            "acl.tokens.managed_service_provider",
            "ui_config.metrics_proxy.add_headers",
            "config_entries.bootstrap");

    /** Subtrees left exactly as parsed: config entries are decoded per kind by their own feature. */
    private static final Set<String> RAW_PATHS = Set.of("config_entries.bootstrap");

    private ConfigShape() {
    }

    static ObjectNode normalize(ObjectNode root) {
        ObjectNode out = (ObjectNode) patch("", root);
        for (String singular : new String[] {"service", "check"}) {
            ObjectNode.Member m = out.member(singular);
            if (m != null && m.value() instanceof ObjectNode obj) {
                ListNode wrapped = new ListNode(obj.position(), false);
                wrapped.add(obj);
                out.putMember(new ObjectNode.Member(singular, m.keyPosition(), wrapped));
            }
        }
        return out;
    }

    private static ConfigNode patch(String path, ConfigNode node) {
        if (node instanceof ObjectNode obj) {
            ObjectNode out = new ObjectNode(obj.position());
            for (ObjectNode.Member m : obj.members()) {
                if (m.value() instanceof ScalarNode s && s.isNull()) {
                    continue;
                }
                String child = path.isEmpty() ? m.key() : path + "." + m.key();
                out.put(m.key(), m.keyPosition(), patch(child, m.value()));
            }
            return out;
        }
        if (node instanceof ListNode list) {
            if (RAW_PATHS.contains(path)) {
                return list;
            }
            if (list.fromBlocks() && list.size() == 1 && !LIST_PATHS.contains(path)) {
                return patch(path, list.get(0));
            }
            ListNode out = new ListNode(list.position(), list.fromBlocks() && !LIST_PATHS.contains(path));
            for (ConfigNode item : list.items()) {
                out.add(patch(path, item));
            }
            return out;
        }
        return node;
    }
}
