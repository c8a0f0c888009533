package dev.proconsul.cli;

import dev.proconsul.api.QueryResult;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import java.util.List;

/**
 * The {@code service} watch type (a service's instances with node and checks) and the {@code checks} watch type
 * (one service's checks, or every check in a state; "any" by default).
 */
final class HealthWatches {
    private HealthWatches() {
    }

    static WatchSource service(String name, List<String> tags, boolean passingOnly) {
        return (consul, opts) -> {
            QueryResult<List<CheckServiceNode>> r = consul.health().service(name, tags, passingOnly, opts);
            return new WatchSource.Result(r.meta().lastIndex(), r.value());
        };
    }

    static WatchSource checks(String service, String state) {
        return (consul, opts) -> {
            QueryResult<List<HealthCheck>> r = service.isEmpty()
                    ? consul.health().state(state.isEmpty() ? "any" : state, opts)
                    : consul.health().checks(service, opts);
            return new WatchSource.Result(r.meta().lastIndex(), r.value());
        };
    }
}
