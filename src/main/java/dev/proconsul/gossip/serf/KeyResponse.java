package dev.proconsul.gossip.serf;

import java.util.Map;

/**
 * The outcome of a cluster-wide keyring operation (Serf's internal key queries), the shape Consul's
 * /v1/operator/keyring and {@code keyring} CLI report per pool.
 *
 * @param messages node name to its error text, for nodes that failed
 * @param keys base64 key to the number of nodes holding it (list only)
 * @param primaryKeys base64 key to the number of nodes using it as primary (list only)
 */
public record KeyResponse(int numNodes, int numResp, int numErr, Map<String, String> messages,
                          Map<String, Integer> keys, Map<String, Integer> primaryKeys) {
    /**
     * Serf's summary error for this outcome, null when every node answered without error:
     * {@code "N/M nodes reported failure"} or {@code "N/M nodes reported success"}.
     */
    public String errorText() {
        if (numErr != 0) {
            return numErr + "/" + numNodes + " nodes reported failure";
        }
        if (numResp != numNodes) {
            return numResp + "/" + numNodes + " nodes reported success";
        }
        return null;
    }
}
