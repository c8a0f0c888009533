package dev.proconsul.gossip.serf;

/** A Serf user event: Lamport time, name (Consul uses {@code consul:event:<name>}), opaque payload. */
public record UserEvent(long ltime, String name, byte[] payload, boolean coalesce) {
}
