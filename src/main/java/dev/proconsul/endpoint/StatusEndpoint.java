package dev.proconsul.endpoint;

import java.util.List;

/** Consul's Status endpoint: who leads and who votes. */
public interface StatusEndpoint {
    /** The leader's "ip:port", or "" when there is none (Consul answers an empty string). */
    String leader(String datacenter);

    List<String> peers(String datacenter);
}
