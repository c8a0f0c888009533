package dev.proconsul.api;

/**
 * Per-request options of a write. Null fields fall back to the client's defaults.
 *
 * @param datacenter the {@code dc} query parameter
 * @param token      sent as X-Consul-Token
 */
public record WriteOptions(String datacenter, String token) {
    public static final WriteOptions DEFAULT = new WriteOptions(null, null);
}
