package dev.proconsul.dns;

import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.config.ValueReader;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dns_config.service_ttl}: exact service names win; otherwise the longest matching {@code prefix*} key
 * ("*" alone matches every service); otherwise 0.
 */
public final class ServiceTtls {
    public static final ServiceTtls NONE = new ServiceTtls(Map.of());

    private final Map<String, Duration> exact = new LinkedHashMap<>();
    private final List<Map.Entry<String, Duration>> prefixes;

    public ServiceTtls(Map<String, Duration> byKey) {
        Map<String, Duration> pre = new LinkedHashMap<>();
        byKey.forEach((k, v) -> {
            if (k.endsWith("*")) {
                pre.put(k.substring(0, k.length() - 1), v);
            } else {
                exact.put(k, v);
            }
        });
        // Longest prefix first, so the first match is the most specific one.
        prefixes = pre.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Duration> e) -> e.getKey().length()).reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    static ServiceTtls from(ObjectNode o) throws ConfigException {
        Map<String, Duration> m = new LinkedHashMap<>();
        for (String key : o.keys()) {
            Duration d = ValueReader.duration(o.get(key), "dns_config.service_ttl." + key);
            if (d.isNegative()) {
                throw ConfigException.atValue(o.get(key), "dns_config.service_ttl." + key, "must not be negative");
            }
            m.put(key, d);
        }
        return new ServiceTtls(m);
    }

    public Duration ttlFor(String service) {
        Duration d = exact.get(service);
        if (d != null) {
            return d;
        }
        for (Map.Entry<String, Duration> e : prefixes) {
            if (service.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return Duration.ZERO;
    }
}
