package dev.proconsul.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.UserEvent;
import java.util.List;

/**
 * User events: {@code /v1/event/fire/:name} and {@code /v1/event/list}. Events are best-effort and agent-local in
 * what they list: an agent shows the events it received. To wait for the next one, pass the list's
 * {@link QueryMeta#lastIndex()} back as the wait index (event indexes are unsigned 64-bit values derived from the
 * last event's ID; they change with every event but do not grow).
 */
public final class EventClient {
    private static final TypeReference<List<UserEvent>> EVENTS = new TypeReference<>() {
    };

    private final ConsulHttp http;

    EventClient(ConsulHttp http) {
        this.http = http;
    }

    /** Fires an event with no filters. */
    public UserEvent fire(String name, byte[] payload) {
        return fire(UserEvent.request(name, payload, null, null, null), WriteOptions.DEFAULT);
    }

    /**
     * Fires an event.
     *
     * @param event name, payload and the node/service/tag filters (Go regular expressions; empty = none)
     * @return the event as the agent sent it, with its ID
     */
    public UserEvent fire(UserEvent event, WriteOptions opts) {
        Query q = new Query()
                .addIfPresent("node", event.nodeFilter())
                .addIfPresent("service", event.serviceFilter())
                .addIfPresent("tag", event.tagFilter());
        q.write(opts, http.defaultDatacenter());
        byte[] body = event.payload() == null ? new byte[0] : event.payload();
        ConsulHttp.Response r = http.require("PUT", "/v1/event/fire/" + event.name(), q, body, opts.token());
        return ConsulHttp.decode(r, new TypeReference<UserEvent>() {
        });
    }

    /** The events the agent received, oldest first; {@code name} null or empty for all. */
    public QueryResult<List<UserEvent>> list(String name, QueryOptions opts) {
        Query q = new Query().addIfPresent("name", name);
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.require("GET", "/v1/event/list", q, null, opts.token());
        List<UserEvent> events = ConsulHttp.decode(r, EVENTS);
        return new QueryResult<>(events == null ? List.of() : events, ConsulHttp.meta(r));
    }

    /** The index a list whose newest event has this ID reports (Consul's IDToIndex). */
    public static long idToIndex(String id) {
        return UserEvent.indexOf(id);
    }
}
