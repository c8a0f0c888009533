package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.EventClient;
import dev.proconsul.api.QueryOptions;
import dev.proconsul.api.QueryResult;
import dev.proconsul.structs.UserEvent;
import java.util.List;

/**
 * The {@code event} watch type. The event list's index is derived from the newest event's ID, so it changes with
 * every event but does not grow; after the first result only the events newer than the one the previous index named
 * are handed on, as Consul's watch does.
 */
final class EventWatch implements WatchSource {
    private final String name;

    EventWatch(String name) {
        this.name = name;
    }

    @Override
    public Result fetch(ConsulClient consul, QueryOptions opts) {
        QueryResult<List<UserEvent>> r = consul.event().list(name, opts);
        List<UserEvent> events = r.value();
        long previous = opts.waitIndex();
        if (previous != 0) {
            for (int i = 0; i < events.size(); i++) {
                if (EventClient.idToIndex(events.get(i).id()) == previous) {
                    events = events.subList(i + 1, events.size());
                    break;
                }
            }
        }
        return new Result(r.meta().lastIndex(), events);
    }
}
