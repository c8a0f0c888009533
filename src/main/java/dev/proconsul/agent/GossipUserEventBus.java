package dev.proconsul.agent;

import dev.proconsul.agent.gossip.AgentGossip;
import dev.proconsul.agent.gossip.UserEventCodec;
import dev.proconsul.gossip.serf.SerfListener;
import dev.proconsul.logging.LogNames;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.UserEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * User events through the LAN gossip pool, as Consul sends them: a Serf user event named
 * {@code consul:event:<name>} carrying the msgpack-encoded event. What arrives is filtered into the same
 * {@link UserEventInbox} the HTTP endpoints read. Our own events are delivered locally at once; the copy gossip
 * brings back (if the pool echoes it) is recognised by its ID and dropped.
 */
public final class GossipUserEventBus implements UserEventBus, SerfListener {
    private static final Logger LOG = Logger.getLogger(LogNames.AGENT);
    private static final int RECENT_IDS = 1024;

    private final AgentGossip gossip;
    private final UserEventInbox inbox;
    private final Set<String> recentIds = new LinkedHashSet<>();
    private long localClock;

    public GossipUserEventBus(AgentGossip gossip, UserEventInbox inbox) {
        this.gossip = gossip;
        this.inbox = inbox;
    }

    /**
     * A bus for {@code agent} over {@code gossip}; subscribe it with {@link AgentGossip#onLanEvents}. Service and
     * tag filters match the agent's own registered services, as Consul's agents do (clients have no catalog).
     */
    public static GossipUserEventBus forAgent(Agent agent, AgentGossip gossip) {
        return new GossipUserEventBus(gossip, new UserEventInbox(agent.nodeName(), () -> localServices(agent)));
    }

    private static Map<String, List<String>> localServices(Agent agent) {
        AgentServices services = agent.services();
        if (services == null) {
            return LocalUserEventBus.servicesOf(agent, agent.endpoints());
        }
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (LocalState.LocalService s : services.state().services()) {
            tags.computeIfAbsent(s.service().service(), k -> new LinkedHashSet<>()).addAll(s.service().tags() == null ? List.of() : s.service().tags());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        tags.forEach((name, set) -> out.put(name, new ArrayList<>(set)));
        return out;
    }

    @Override
    public UserEvent fire(UserEvent request) {
        LocalUserEventBus.validate(request);
        UserEvent sent = request.stamped(UUID.randomUUID().toString(), 0);
        if (LocalUserEventBus.encodedSize(sent) > LocalUserEventBus.SIZE_LIMIT) {
            throw new EndpointException(EndpointException.Kind.TOO_LARGE, "user event exceeds configured limit of "
                    + LocalUserEventBus.SIZE_LIMIT + " bytes before encoding");
        }
        try {
            gossip.userEvent(UserEventCodec.SERF_NAME_PREFIX + sent.name(), UserEventCodec.encode(sent));
        } catch (IOException e) {
            throw EndpointException.badRequest(e.getMessage());
        }
        if (remember(sent.id())) {
            inbox.deliver(request.stamped(sent.id(), nextLocalTime()));
        }
        return sent; // the sender's answer shows LTime 0, as Consul's does
    }

    @Override
    public UserEventInbox inbox() {
        return inbox;
    }

    @Override
    public void onUserEvent(dev.proconsul.gossip.serf.UserEvent e) {
        if (!e.name().startsWith(UserEventCodec.SERF_NAME_PREFIX)) {
            return; // a plain Serf event from a non-Consul peer: not ours to list
        }
        UserEvent ev;
        try {
            ev = UserEventCodec.decode(e.payload(), e.ltime());
        } catch (IOException ex) {
            LOG.warning("Failed to decode event: error=\"" + ex.getMessage() + "\"");
            return;
        }
        if (ev.version() > UserEvent.VERSION) {
            LOG.warning("Unsupported user event version: version=" + ev.version());
            return;
        }
        if (ev.id().isEmpty() || !remember(ev.id())) {
            return;
        }
        synchronized (this) {
            localClock = Math.max(localClock, e.ltime());
        }
        if (inbox.deliver(ev)) {
            LOG.fine("Handling event: event=" + ev.name());
        }
    }

    private synchronized boolean remember(String id) {
        if (!recentIds.add(id)) {
            return false;
        }
        if (recentIds.size() > RECENT_IDS) {
            recentIds.remove(recentIds.iterator().next());
        }
        return true;
    }

    private synchronized long nextLocalTime() {
        return ++localClock;
    }
}
