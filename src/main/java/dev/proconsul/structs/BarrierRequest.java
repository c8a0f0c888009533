package dev.proconsul.structs;

/**
 * A Raft barrier: an entry that changes no table. A new leader writes one before it establishes its duties (as
 * Consul's establishLeadership does with raft.Barrier), so that everything earlier terms committed is applied
 * locally first. Like Consul's, it takes a log index: a fresh server's own registration lands past it.
 */
public record BarrierRequest() implements Command {
}
