package dev.proconsul.agent;

import dev.proconsul.agent.gossip.UserEventCodec;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.CatalogNodeServiceList;
import dev.proconsul.structs.Consistency;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Delivers user events to this agent only: what a single-agent datacenter sees. Validation, IDs, the Lamport
 * clock and the size limit are those of a gossiped event, so replacing this with the Serf-backed bus changes the
 * reach of an event and nothing else.
 */
public final class LocalUserEventBus implements UserEventBus {
    /** Serf's default limit on a user event (name plus encoded event), which Consul keeps. */
    public static final int SIZE_LIMIT = 512;

    private final UserEventInbox inbox;
    private final AtomicLong clock = new AtomicLong();

    public LocalUserEventBus(UserEventInbox inbox) {
        this.inbox = inbox;
    }

    /**
     * A bus for {@code agent}: filters match its node name and the services {@code endpoints}' catalog has for its
     * node.
     */
    public static LocalUserEventBus forAgent(LocalAgent agent, Endpoints endpoints) {
        return new LocalUserEventBus(new UserEventInbox(agent.nodeName(), () -> servicesOf(agent, endpoints)));
    }

    /** The agent's node's services by name with their tags, from the local replica; none without a server. */
    static Map<String, List<String>> servicesOf(LocalAgent agent, Endpoints endpoints) {
        CatalogNodeServiceList ns;
        try {
            ns = endpoints.catalog().nodeServiceList(agent.nodeName(),
                    QueryOptions.defaults().withConsistency(Consistency.STALE)).value();
        } catch (EndpointException e) {
            return Map.of(); // a client agent: no catalog to read
        }
        if (ns == null) {
            return Map.of();
        }
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (NodeService s : ns.services()) {
            tags.computeIfAbsent(s.service(), k -> new LinkedHashSet<>()).addAll(s.tags());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        tags.forEach((name, set) -> out.put(name, new ArrayList<>(set)));
        return out;
    }

    @Override
    public UserEvent fire(UserEvent request) {
        validate(request);
        UserEvent sent = request.stamped(UUID.randomUUID().toString(), 0);
        int size = encodedSize(sent);
        if (size > SIZE_LIMIT) {
            throw new EndpointException(EndpointException.Kind.TOO_LARGE,
                    "user event exceeds configured limit of " + SIZE_LIMIT + " bytes before encoding");
        }
        // Serf stamps the event with its clock when sending; the sender's answer shows LTime 0, as Consul's does.
        inbox.deliver(request.stamped(sent.id(), clock.incrementAndGet()));
        return sent;
    }

    @Override
    public UserEventInbox inbox() {
        return inbox;
    }

    /** Consul's checks and wording. */
    static void validate(UserEvent e) {
        if (e.name() == null || e.name().isEmpty()) {
            throw EndpointException.badRequest("User event missing name");
        }
        if (!e.tagFilter().isEmpty() && e.serviceFilter().isEmpty()) {
            throw EndpointException.badRequest("Cannot provide tag filter without service filter");
        }
        checkRegex(e.nodeFilter(), "node");
        checkRegex(e.serviceFilter(), "service");
        checkRegex(e.tagFilter(), "tag");
    }

    private static void checkRegex(String filter, String what) {
        if (filter.isEmpty()) {
            return;
        }
        try {
            Pattern.compile(filter);
        } catch (PatternSyntaxException ex) {
            throw EndpointException.badRequest("Invalid " + what + " filter: " + ex.getDescription());
        }
    }

    /**
     * What Serf counts against its limit: the Serf event name plus the event as Consul encodes it (a msgpack map
     * with its short keys; empty filters and payload left out).
     */
    static int encodedSize(UserEvent e) {
        return (UserEventCodec.SERF_NAME_PREFIX + e.name()).getBytes(StandardCharsets.UTF_8).length
                + UserEventCodec.encode(e).length;
    }
}
