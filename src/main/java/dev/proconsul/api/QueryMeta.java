package dev.proconsul.api;

import java.time.Duration;

/**
 * What a read's response headers said about it.
 *
 * @param lastIndex            X-Consul-Index: pass it back as {@link QueryOptions#waitIndex()} to block for changes
 * @param lastContact          X-Consul-LastContact: how stale the answering server may be
 * @param knownLeader          X-Consul-KnownLeader
 * @param effectiveConsistency X-Consul-Effective-Consistency (leader, stale or consistent), or null when absent
 * @param requestTime          how long the round trip took
 */
public record QueryMeta(long lastIndex, Duration lastContact, boolean knownLeader, String effectiveConsistency,
                        Duration requestTime) {
}
