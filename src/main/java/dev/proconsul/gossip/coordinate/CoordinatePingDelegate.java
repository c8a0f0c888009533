package dev.proconsul.gossip.coordinate;

import dev.proconsul.gossip.Member;
import dev.proconsul.gossip.PingDelegate;
import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.Coordinate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries coordinates on memberlist probe acks as Serf does: our acks carry our coordinate, and every completed
 * direct probe feeds the measured RTT and the peer's coordinate to the Vivaldi client. Also keeps the latest
 * coordinate heard from each peer (Serf's coordinate cache), so the agent can report peers' coordinates.
 */
public final class CoordinatePingDelegate implements PingDelegate {
    private static final Logger LOG = Logger.getLogger(LogNames.SERF_LAN);

    private final CoordinateClient client;
    private final String localName;
    private final Map<String, Coordinate> cache = new ConcurrentHashMap<>();

    public CoordinatePingDelegate(CoordinateClient client, String localName) {
        this.client = client;
        this.localName = localName;
        cache.put(localName, client.coordinate());
    }

    @Override
    public byte[] ackPayload() {
        return PingPayloadCodec.encode(client.coordinate());
    }

    @Override
    public void notifyPingComplete(Member other, Duration rtt, byte[] payload) {
        if (payload == null || payload.length == 0) {
            return; // a peer without coordinates (coordinates disabled there)
        }
        try {
            Coordinate theirs = PingPayloadCodec.decode(payload);
            Coordinate ours = client.update(other.name(), theirs, rtt);
            cache.put(other.name(), theirs);
            cache.put(localName, ours);
        } catch (CoordinateException e) {
            LOG.log(Level.FINE, "serf: rejected coordinate from " + other.name() + ": " + e.getMessage());
        }
    }

    /** The last coordinate heard from {@code node} (ours for the local name). */
    public Optional<Coordinate> cachedCoordinate(String node) {
        return Optional.ofNullable(cache.get(node));
    }

    /** Forget a member that left or was reaped. */
    public void forget(String node) {
        if (!node.equals(localName)) {
            cache.remove(node);
            client.forgetNode(node);
        }
    }

    public CoordinateClient client() {
        return client;
    }
}
