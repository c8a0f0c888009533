package dev.proconsul.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Connect certificate URI (SPIFFE ID) as Consul's connect.ParseCertURI reads it: a service
 * ({@code spiffe://<trust-domain>[/ap/<partition>]/ns/<ns>/dc/<dc>/svc/<service>}) or another Connect identity
 * (a client agent, a server, a mesh gateway, a workload identity).
 *
 * @param kind      what the URI names
 * @param partition the admin partition ("" when the URI names none: the default one)
 * @param namespace the namespace (services)
 * @param datacenter the datacenter, where the URI names one
 * @param service   the service name (services)
 */
public record SpiffeId(Kind kind, String partition, String namespace, String datacenter, String service) {
    /** What a Connect identity names. */
    public enum Kind { SERVICE, AGENT, SERVER, MESH_GATEWAY, WORKLOAD_IDENTITY }

    private static final Pattern SERVICE = Pattern.compile("^(?:/ap/([^/]+))?/ns/([^/]+)/dc/([^/]+)/svc/([^/]+)$");
    private static final Pattern AGENT = Pattern.compile("^(?:/ap/([^/]+))?/agent/client/dc/([^/]+)/id/([^/]+)$");
    private static final Pattern SERVER = Pattern.compile("^/agent/server/dc/([^/]+)$");
    private static final Pattern MESH_GATEWAY = Pattern.compile("^(?:/ap/([^/]+))?/gateway/mesh/dc/([^/]+)$");
    private static final Pattern WORKLOAD = Pattern.compile("^/ap/([^/]+)/ns/([^/]+)/identity/([^/]+)$");

    /** Parses {@code uri}; throws IllegalArgumentException when it is no Connect identity. */
    public static SpiffeId parse(String uri) {
        URI u;
        try {
            u = new URI(uri == null ? "" : uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!"spiffe".equals(u.getScheme())) {
            throw new IllegalArgumentException("SPIFFE ID must have 'spiffe' scheme");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        Matcher m = SERVICE.matcher(path);
        if (m.matches()) {
            return new SpiffeId(Kind.SERVICE, orEmpty(m.group(1)), m.group(2), m.group(3), m.group(4));
        }
        if ((m = AGENT.matcher(path)).matches()) {
            return new SpiffeId(Kind.AGENT, orEmpty(m.group(1)), "", m.group(2), "");
        }
        if ((m = SERVER.matcher(path)).matches()) {
            return new SpiffeId(Kind.SERVER, "", "", m.group(1), "");
        }
        if ((m = MESH_GATEWAY.matcher(path)).matches()) {
            return new SpiffeId(Kind.MESH_GATEWAY, orEmpty(m.group(1)), "", m.group(2), "");
        }
        if ((m = WORKLOAD.matcher(path)).matches()) {
            return new SpiffeId(Kind.WORKLOAD_IDENTITY, m.group(1), m.group(2), "", "");
        }
        throw new IllegalArgumentException("SPIFFE ID is not in the expected format");
    }

    /** The partition, "default" when none is named (Consul's PartitionOrDefault). */
    public String partitionOrDefault() {
        return partition.isEmpty() ? "default" : partition;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
