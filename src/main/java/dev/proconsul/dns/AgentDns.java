package dev.proconsul.dns;

import dev.proconsul.agent.LocalAgent;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.endpoint.Endpoints;
import java.util.List;

/** Builds the DNS interface of a running agent from its configuration (the launcher's entry point). */
public final class AgentDns {
    private AgentDns() {
    }

    /**
     * The DNS server for {@code agent} on addresses.dns and ports.dns, not yet started; null when ports.dns is -1.
     * A server agent answers from {@code endpoints} (its own server's); a client agent has none to ask yet.
     */
    public static DnsServer create(LocalAgent agent, Endpoints endpoints, AgentConfig config)
            throws ConfigException {
        int port = config.ports().dns();
        if (port < 0) {
            return null;
        }
        DnsConfig dns = DnsConfig.from(config);
        DnsCatalog catalog = agent.isServer()
                ? new EndpointsDnsCatalog(endpoints, dns.allowStale(), dns.maxStale())
                : new NoServersCatalog();
        List<String> addresses = List.of(config.addresses().dns().trim().split("\\s+"));
        return new DnsServer(new DnsHandler(dns, catalog), addresses, port);
    }
}
