package dev.proconsul.gossip.serf;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What came back for a query within its timeout.
 *
 * @param responses node name to its answer payload
 * @param acks nodes that acknowledged delivery (when asked for)
 */
public record QueryResponse(Map<String, byte[]> responses, List<String> acks, Duration took) {
}
