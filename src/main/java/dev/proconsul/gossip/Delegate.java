package dev.proconsul.gossip;

import java.util.List;

/**
 * What the layer above memberlist (Serf) plugs in, as memberlist's Delegate: its own broadcasts piggy-backed on our
 * packets, and its state carried in push-pull exchanges. User messages arrive through
 * {@link MemberListener#onUserMessage(byte[])}. Memberlist never calls these while holding its own lock.
 */
public interface Delegate {
    /**
     * Messages of the layer above to piggy-back, each costing {@code overhead} bytes besides its length, all
     * together within {@code limit} bytes. They are sent wrapped as memberlist user messages.
     */
    default List<byte[]> broadcasts(int overhead, int limit) {
        return List.of();
    }

    /** The user-state part of a push-pull exchange we send ({@code join}: the exchange is part of a join). */
    default byte[] localState(boolean join) {
        return new byte[0];
    }

    /** The user-state part of a push-pull exchange we received; runs on the listener thread, after the joins. */
    default void mergeRemoteState(byte[] state, boolean join) {
    }
}
