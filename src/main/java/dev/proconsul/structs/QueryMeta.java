package dev.proconsul.structs;

/**
 * What a read reports besides its value (Consul's QueryMeta), sent as the X-Consul-* headers.
 *
 * @param index             the X-Consul-Index; never 0 (at least 1) so blocking clients never spin
 * @param knownLeader       whether the answering server knows a leader
 * @param lastContactMillis milliseconds since the answering server last heard from the leader (0 on the leader)
 * @param consistency       the consistency mode the read was served with
 */
public record QueryMeta(long index, boolean knownLeader, long lastContactMillis, Consistency consistency) {
    public QueryMeta {
        index = Math.max(1, index);
        lastContactMillis = Math.max(0, lastContactMillis);
    }
}
