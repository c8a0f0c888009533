package dev.proconsul.gossip.serf;

import dev.proconsul.gossip.GossipException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Tallies the per-node answers to a key query into one {@link KeyResponse}, as Serf's key manager does. */
final class KeyResponses {
    private KeyResponses() {
    }

    static KeyResponse tally(int numNodes, Map<String, byte[]> answers) {
        Map<String, String> messages = new TreeMap<>();
        Map<String, Integer> keys = new TreeMap<>();
        Map<String, Integer> primaries = new TreeMap<>();
        int numErr = 0;
        for (var e : answers.entrySet()) {
            byte[] p = e.getValue();
            SerfMessage.KeyResponseMsg r;
            if (p.length < 1 || SerfMessageType.of(p[0]) != SerfMessageType.KEY_RESPONSE) {
                messages.put(e.getKey(), "Invalid key query response type: " + Arrays.toString(p));
                numErr++;
                continue;
            }
            try {
                r = (SerfMessage.KeyResponseMsg) SerfMessage.decode(p);
            } catch (GossipException ex) {
                messages.put(e.getKey(), "Failed to decode key query response: " + ex.getMessage());
                numErr++;
                continue;
            }
            if (!r.result()) {
                numErr++;
            }
            if (!r.message().isEmpty()) {
                messages.put(e.getKey(), r.message());
            }
            r.keys().forEach(k -> keys.merge(k, 1, Integer::sum));
            if (!r.primaryKey().isEmpty()) {
                primaries.merge(r.primaryKey(), 1, Integer::sum);
            }
        }
        return new KeyResponse(numNodes, answers.size(), numErr, messages, keys, primaries);
    }
}
