package dev.proconsul.agent.gossip;

import dev.proconsul.gossip.serf.SerfListener;
import dev.proconsul.gossip.serf.SerfPool;
import java.io.IOException;

/** Opens a Serf pool: the launcher passes the real Serf, tests an in-memory pool. */
@FunctionalInterface
public interface SerfPoolFactory {
    /**
     * Binds and starts a pool; {@code listener} receives its events, in order, on one thread.
     *
     * @throws IOException when the address cannot be bound
     */
    SerfPool open(PoolSpec spec, SerfListener listener) throws IOException;
}
