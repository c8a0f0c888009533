package dev.proconsul.dns;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigNode;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.config.ValueReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DNS interface's settings: {@code domain}, {@code alt_domain}, {@code recursors} and {@code dns_config}, with
 * Consul's defaults.
 *
 * @param domain           lower case, ends with a dot ("consul.")
 * @param altDomain        lower case with a trailing dot, or null
 * @param datacenter       the local datacenter
 * @param nodeName         this agent's node name
 * @param allowStale       read from any server (default true)
 * @param maxStale         re-read from the leader when a stale read is older than this (default 87600h)
 * @param nodeTtl          TTL of node records (default 0)
 * @param serviceTtls      per-service TTLs (default none = 0)
 * @param onlyPassing      admit only instances whose checks all pass (default false: warning admitted too)
 * @param udpAnswerLimit   answers in a UDP reply to a client without EDNS (default 3)
 * @param aRecordLimit     address records in a service answer; 0 = no limit (default)
 * @param enableTruncate   set TC when {@code udp_answer_limit} cut answers (default true here; see {@link DnsHandler})
 * @param nodeMetaTxt      node meta as TXT in the additional section (enable_additional_node_meta_txt, default true)
 * @param soa              the SOA timers
 * @param recursors        upstream resolvers, in configured order
 * @param randomRecursors  recursor_strategy "random" (else "sequential")
 * @param recursorTimeout  per-upstream timeout (default 2s)
 * @param useCache         use_cache; reads are already local in-memory, so it changes nothing here
 */
public record DnsConfig(
        String domain,
        String altDomain,
        String datacenter,
        String nodeName,
        boolean allowStale,
        Duration maxStale,
        Duration nodeTtl,
        ServiceTtls serviceTtls,
        boolean onlyPassing,
        int udpAnswerLimit,
        int aRecordLimit,
        boolean enableTruncate,
        boolean nodeMetaTxt,
        Soa soa,
        List<InetSocketAddress> recursors,
        boolean randomRecursors,
        Duration recursorTimeout,
        boolean useCache) {

    /** SOA timers in seconds (Consul's defaults: refresh 3600, retry 600, expire 86400, min_ttl 0). */
    public record Soa(long refresh, long retry, long expire, long minTtl) {
        public static final Soa DEFAULT = new Soa(3600, 600, 86400, 0);
    }

    public DnsConfig {
        domain = domain.toLowerCase(Locale.ROOT);
        altDomain = altDomain == null ? null : altDomain.toLowerCase(Locale.ROOT);
        recursors = List.copyOf(recursors);
    }

    /** Consul's defaults for a dev-style agent in {@code dc} named {@code node}, without recursors. */
    public static DnsConfig defaults(String datacenter, String nodeName) {
        return new DnsConfig("consul.", null, datacenter, nodeName, true, Duration.ofHours(87600), Duration.ZERO,
                ServiceTtls.NONE, false, 3, 0, true, true, Soa.DEFAULT, List.of(), false, Duration.ofSeconds(2),
                false);
    }

    /** Reads the agent's configuration; errors name the file, line and key. */
    public static DnsConfig from(AgentConfig c) throws ConfigException {
        DnsConfig d = defaults(c.datacenter(), c.nodeName());
        ObjectNode o = c.dnsConfig();
        List<InetSocketAddress> recursors = new ArrayList<>();
        for (String r : c.recursors()) {
            recursors.add(RecursorAddress.parse(r));
        }
        Soa soa = d.soa();
        ConfigNode soaNode = o.get("soa");
        if (soaNode != null) {
            ObjectNode s = ValueReader.object(soaNode, "dns_config.soa");
            soa = new Soa(seconds(s, "refresh", soa.refresh()), seconds(s, "retry", soa.retry()),
                    seconds(s, "expire", soa.expire()), seconds(s, "min_ttl", soa.minTtl()));
        }
        String strategy = o.has("recursor_strategy")
                ? ValueReader.string(o.get("recursor_strategy"), "dns_config.recursor_strategy") : "sequential";
        if (!strategy.equals("sequential") && !strategy.equals("random")) {
            throw ConfigException.atValue(o.get("recursor_strategy"), "dns_config.recursor_strategy",
                    "expected \"sequential\" or \"random\", got \"" + strategy + "\"");
        }
        ServiceTtls ttls = o.has("service_ttl")
                ? ServiceTtls.from(ValueReader.object(o.get("service_ttl"), "dns_config.service_ttl"))
                : ServiceTtls.NONE;
        return new DnsConfig(c.domain(), c.altDomain(), c.datacenter(), c.nodeName(),
                bool(o, "allow_stale", d.allowStale()),
                duration(o, "max_stale", d.maxStale()),
                duration(o, "node_ttl", d.nodeTtl()),
                ttls,
                bool(o, "only_passing", d.onlyPassing()),
                (int) integer(o, "udp_answer_limit", d.udpAnswerLimit(), 1, 65535),
                (int) integer(o, "a_record_limit", d.aRecordLimit(), 0, 65535),
                bool(o, "enable_truncate", d.enableTruncate()),
                bool(o, "enable_additional_node_meta_txt", d.nodeMetaTxt()),
                soa, recursors, strategy.equals("random"),
                positive(o, "recursor_timeout", d.recursorTimeout()),
                bool(o, "use_cache", d.useCache()));
    }

    public DnsConfig withRecursors(List<InetSocketAddress> upstreams, boolean random) {
        return new DnsConfig(domain, altDomain, datacenter, nodeName, allowStale, maxStale, nodeTtl, serviceTtls,
                onlyPassing, udpAnswerLimit, aRecordLimit, enableTruncate, nodeMetaTxt, soa, upstreams, random,
                recursorTimeout, useCache);
    }

    public DnsConfig withOnlyPassing(boolean only) {
        return new DnsConfig(domain, altDomain, datacenter, nodeName, allowStale, maxStale, nodeTtl, serviceTtls,
                only, udpAnswerLimit, aRecordLimit, enableTruncate, nodeMetaTxt, soa, recursors, randomRecursors,
                recursorTimeout, useCache);
    }

    public DnsConfig withTtls(Duration node, ServiceTtls services) {
        return new DnsConfig(domain, altDomain, datacenter, nodeName, allowStale, maxStale, node, services,
                onlyPassing, udpAnswerLimit, aRecordLimit, enableTruncate, nodeMetaTxt, soa, recursors,
                randomRecursors, recursorTimeout, useCache);
    }

    public DnsConfig withLimits(int udpAnswers, int aRecords) {
        return new DnsConfig(domain, altDomain, datacenter, nodeName, allowStale, maxStale, nodeTtl, serviceTtls,
                onlyPassing, udpAnswers, aRecords, enableTruncate, nodeMetaTxt, soa, recursors, randomRecursors,
                recursorTimeout, useCache);
    }

    public DnsConfig withDomains(String primary, String alt) {
        return new DnsConfig(primary, alt, datacenter, nodeName, allowStale, maxStale, nodeTtl, serviceTtls,
                onlyPassing, udpAnswerLimit, aRecordLimit, enableTruncate, nodeMetaTxt, soa, recursors,
                randomRecursors, recursorTimeout, useCache);
    }

    public boolean recursionAvailable() {
        return !recursors.isEmpty();
    }

    private static boolean bool(ObjectNode o, String key, boolean dflt) throws ConfigException {
        return o.has(key) ? ValueReader.bool(o.get(key), "dns_config." + key) : dflt;
    }

    private static long integer(ObjectNode o, String key, long dflt, long min, long max) throws ConfigException {
        return o.has(key) ? ValueReader.integer(o.get(key), "dns_config." + key, min, max) : dflt;
    }

    private static Duration duration(ObjectNode o, String key, Duration dflt) throws ConfigException {
        if (!o.has(key)) {
            return dflt;
        }
        Duration d = ValueReader.duration(o.get(key), "dns_config." + key);
        if (d.isNegative()) {
            throw ConfigException.atValue(o.get(key), "dns_config." + key, "must not be negative");
        }
        return d;
    }

    private static Duration positive(ObjectNode o, String key, Duration dflt) throws ConfigException {
        Duration d = duration(o, key, dflt);
        return d.isZero() ? dflt : d;
    }

    private static long seconds(ObjectNode o, String key, long dflt) throws ConfigException {
        return o.has(key) ? ValueReader.integer(o.get(key), "dns_config.soa." + key, 0, 0xFFFF_FFFFL) : dflt;
    }
}
