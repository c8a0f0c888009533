package dev.proconsul.dns;

/** What a name inside the Consul domain asks for, once parsed (see {@link QueryNameParser}). */
sealed interface Lookup {
    /** The domain itself ("consul."). */
    record Apex() implements Lookup {
    }

    /** {@code <node>.node[.<dc>[.dc]].<domain>}. */
    record NodeLookup(String node) implements Lookup {
    }

    /**
     * {@code [<tag>.]<service>.service[.<dc>].<domain>} and RFC 2782's {@code _<service>._<tag>[.service]...}.
     *
     * @param tag null for any tag
     */
    record ServiceLookup(String service, String tag) implements Lookup {
    }

    /** {@code <service>.connect[.<dc>].<domain>}: sidecar proxies and native instances. */
    record ConnectLookup(String service) implements Lookup {
    }

    /** {@code <query id or name>.query[.<dc>].<domain>}: a prepared query's results. */
    record PreparedQueryLookup(String idOrName) implements Lookup {
    }

    /** {@code <hex-ip>.addr[.<dc>].<domain>}: 4 bytes (IPv4) or 16 (IPv6). */
    record AddrLookup(byte[] address) implements Lookup {
    }

    /** A name we have no records for (unknown form, unknown datacenter, ...): NXDOMAIN. */
    record NotFound(String why) implements Lookup {
    }
}
