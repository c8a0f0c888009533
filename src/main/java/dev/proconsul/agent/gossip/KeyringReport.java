package dev.proconsul.agent.gossip;

import java.util.Map;

/**
 * One pool's answer to a keyring operation, the entries of Consul's /v1/operator/keyring list.
 *
 * @param keys        base64 key to how many nodes hold it (list only; empty otherwise)
 * @param primaryKeys base64 key to how many nodes use it as primary (list only)
 * @param messages    node name to its error, for nodes that failed
 * @param error       empty on success, else Consul's "N/M nodes reported failure" or the pool's error
 */
public record KeyringReport(boolean wan, String datacenter, String segment, Map<String, Integer> keys,
                            Map<String, Integer> primaryKeys, int numNodes, Map<String, String> messages,
                            String error) {
    public KeyringReport {
        keys = Map.copyOf(keys);
        primaryKeys = Map.copyOf(primaryKeys);
        messages = Map.copyOf(messages);
        error = error == null ? "" : error;
    }

    /** The pool as Consul's CLI and errors name it: "WAN" or "dc1 (LAN)". */
    public String poolName() {
        return wan ? "WAN" : datacenter + " (LAN)";
    }
}
