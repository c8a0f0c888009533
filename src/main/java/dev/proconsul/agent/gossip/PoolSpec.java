package dev.proconsul.agent.gossip;

import dev.proconsul.gossip.Keyring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything needed to open one of the agent's Serf pools.
 *
 * @param nodeName        the member name ({@code node} on the LAN, {@code node.dc} on the WAN)
 * @param bindPort        0 picks a free port (the pool's local member reports the one bound)
 * @param advertiseAddr   the address peers should use for us
 * @param keyring         null for an unencrypted pool
 * @param keyringFile     where Serf persists keyring changes; null keeps them in memory
 * @param snapshotFile    where Serf records members and clocks for rejoin after restart; null in dev mode
 * @param verifyIncoming  drop unencrypted packets (encrypt_verify_incoming)
 * @param verifyOutgoing  encrypt what we send (encrypt_verify_outgoing)
 */
public record PoolSpec(Pool pool, String nodeName, String bindAddr, int bindPort, String advertiseAddr,
                       Map<String, String> tags, Keyring keyring, Path keyringFile, Path snapshotFile,
                       boolean verifyIncoming, boolean verifyOutgoing, boolean rejoinAfterLeave,
                       Duration reconnectTimeout) {
    /** Consul's two pools: every agent's LAN pool, and the servers' WAN pool. */
    public enum Pool { LAN, WAN }

    public PoolSpec {
        tags = Map.copyOf(tags);
    }
}
