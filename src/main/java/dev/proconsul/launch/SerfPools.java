package dev.proconsul.launch;

import dev.proconsul.agent.gossip.PoolSpec;
import dev.proconsul.agent.gossip.SerfPoolFactory;
import dev.proconsul.gossip.GossipConfig;
import dev.proconsul.gossip.coordinate.CoordinateClient;
import dev.proconsul.gossip.coordinate.CoordinatePingDelegate;
import dev.proconsul.gossip.serf.Serf;
import dev.proconsul.gossip.serf.SerfConfig;
import dev.proconsul.metrics.MetricsRegistry;

/** Opens the agent's pools with the real Serf: memberlist's LAN or WAN timings, Consul's settings on top. */
final class SerfPools {
    private SerfPools() {
    }

    /**
     * @param lanCoordinates the Vivaldi client the LAN pool's probe round trips feed
     * @param wanCoordinates the same for the WAN pool
     * @param metrics where each pool's count of dropped packets (garbage, truncated, replayed, wrong key) is
     *                published, as {@code consul.serf.lan.dropped_messages} / {@code consul.serf.wan....}
     */
    static SerfPoolFactory factory(MetricsRegistry metrics, CoordinateClient lanCoordinates,
                                   CoordinateClient wanCoordinates) {
        return (spec, listener) -> {
            GossipConfig base = spec.pool() == PoolSpec.Pool.LAN ? GossipConfig.lan(spec.nodeName())
                    : GossipConfig.wan(spec.nodeName());
            GossipConfig gossip = base.toBuilder()
                    .bind(spec.bindAddr(), spec.bindPort())
                    .advertise(spec.advertiseAddr())
                    .keyring(spec.keyring())
                    .verifyIncoming(spec.verifyIncoming())
                    .verifyOutgoing(spec.verifyOutgoing())
                    .build();
            SerfConfig config = SerfConfig.builder(gossip)
                    .tags(spec.tags())
                    .snapshotPath(spec.snapshotFile())
                    .keyringFile(spec.keyringFile())
                    .rejoinAfterLeave(spec.rejoinAfterLeave())
                    .reconnectTimeout(spec.reconnectTimeout())
                    .pingDelegate(new CoordinatePingDelegate(
                            spec.pool() == PoolSpec.Pool.LAN ? lanCoordinates : wanCoordinates, spec.nodeName()))
                    .build();
            Serf serf = Serf.create(config, listener);
            String pool = spec.pool() == PoolSpec.Pool.LAN ? "lan" : "wan";
            metrics.registerGauge("consul.serf." + pool + ".dropped_messages", serf::droppedMessages);
            return serf;
        };
    }
}
