package dev.proconsul.http;

import dev.proconsul.structs.GoDuration;
import dev.proconsul.agent.UserEventBus;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.UserEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * /v1/event/fire/:name (PUT) and /v1/event/list (GET, blocking). Events are agent-local: the list shows what this
 * agent received. The list's index is Consul's: derived from the last event's ID, so it is not monotonic and a
 * blocking list returns as soon as it differs from the index the caller passed.
 */
final class EventHandler implements HandlerGroup {
    /** Bodies larger than this cannot fit a user event in any case; refuse them before reading further. */
    private static final int MAX_BODY_BYTES = 64 << 10;

    private final UserEventBus bus;

    EventHandler(UserEventBus bus) {
        this.bus = bus;
    }

    @Override
    public void register(Routes routes) {
        routes.put("/v1/event/fire/", this::fire);
        routes.get("/v1/event/list", this::list);
    }

    private Reply fire(ApiRequest req) throws Exception {
        String name = req.remainder();
        if (name.isEmpty()) {
            throw HttpError.badRequest("Missing name");
        }
        byte[] payload = req.body(MAX_BODY_BYTES);
        if (payload == null) {
            throw new HttpError(413, "user event exceeds configured limit of 512 bytes before encoding");
        }
        UserEvent request = UserEvent.request(name, payload.length == 0 ? null : payload, req.param("node"),
                req.param("service"), req.param("tag"));
        return Reply.json(bus.fire(request));
    }

    private Reply list(ApiRequest req) throws InterruptedException {
        String nameFilter = req.param("name");
        // Event indexes use all 64 bits, so they are parsed here rather than into QueryOptions (signed).
        String i = req.param("index");
        long minIndex = i == null || i.isEmpty() ? 0 : QueryParams.parseUnsigned(i, "Invalid index");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis(req));
        while (true) {
            long generation = bus.inbox().generation();
            List<UserEvent> events = named(bus.inbox().events(), nameFilter);
            // 1 for an empty list, so that a watch on "no events yet" blocks instead of spinning.
            long index = events.isEmpty() ? 1 : UserEvent.indexOf(events.getLast().id());
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (minIndex == 0 || index != minIndex || remaining <= 0
                    || !bus.inbox().awaitAfter(generation, remaining)) {
                return Reply.json(events).header("X-Consul-Index", Long.toUnsignedString(index));
            }
        }
    }

    /** Consul's wait: default 5 minutes, at most 10. */
    private static long waitMillis(ApiRequest req) {
        String w = req.param("wait");
        Duration wait = null;
        if (w != null && !w.isEmpty()) {
            try {
                wait = GoDuration.parse(w);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Invalid wait time");
            }
        }
        return new QueryOptions(null, 0, wait, null, null).effectiveWait().toMillis();
    }

    private static List<UserEvent> named(List<UserEvent> events, String name) {
        if (name == null || name.isEmpty()) {
            return events;
        }
        List<UserEvent> out = new ArrayList<>();
        for (UserEvent e : events) {
            if (e.name().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
