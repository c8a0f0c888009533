package dev.proconsul.launch;

import dev.proconsul.agent.gossip.SerfPoolFactory;

/** Opens the agent's pools with the real Serf implementation. */
final class SerfPools {
    private SerfPools() {
    }

    static SerfPoolFactory factory() {
        return null; // wired once the Serf layer lands
    }
}
