package dev.proconsul.gossip.serf;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Options of a Serf query.
 *
 * @param filterNodes only these nodes answer (empty: all)
 * @param filterTags tag name to regular expression the answering nodes must match
 * @param requestAck ask for delivery acks besides answers
 * @param timeout null for Serf's default (gossip interval x query timeout multiplier x log(N+1))
 * @param relayFactor how many extra members relay each answer (0-5)
 */
public record QueryParams(List<String> filterNodes, Map<String, String> filterTags, boolean requestAck,
                          Duration timeout, int relayFactor) {
    public static QueryParams defaults() {
        return new QueryParams(List.of(), Map.of(), false, null, 0);
    }
}
