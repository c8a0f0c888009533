package dev.proconsul.http;

import dev.proconsul.agent.LogStreams;
import dev.proconsul.logging.LogNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * GET /v1/agent/monitor: the agent's log lines as they happen, at {@code ?loglevel} (default info, below the
 * agent's own level too) and in Consul's text format or, with {@code ?logjson}, JSON lines. Runs until the client
 * goes away or the agent stops; lines a slow client could not take are counted and logged at the end, as Consul does.
 */
final class AgentMonitorHandler implements HandlerGroup {
    private static final Logger LOG = Logger.getLogger(LogNames.HTTP);
    /** How long a poll waits before looking again whether the stream should end. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final LogStreams logs;

    AgentMonitorHandler(LogStreams logs) {
        this.logs = logs;
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/agent/monitor", Set.of("GET"), this::monitor);
    }

    private Reply monitor(ApiRequest req) {
        String level = req.has("loglevel") ? req.param("loglevel") : "";
        if (level == null || level.isEmpty()) {
            level = "INFO";
        }
        if (!LogStreams.isValidLevel(level)) {
            throw HttpError.badRequest("Unknown log level: " + level);
        }
        // Subscribed before the headers go out: a client that has seen them sees every later line.
        LogStreams.Subscription sub = logs.subscribe(level, req.has("logjson"), LogStreams.BUFFER_LINES);
        return Reply.stream("text/plain; charset=utf-8", out -> {
            try (sub) {
                while (true) {
                    String line = sub.poll(POLL);
                    if (line != null) {
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            } finally {
                if (sub.dropped() > 0) {
                    LOG.warning("Dropped logs during monitor request: dropped_count=" + sub.dropped());
                }
            }
        });
    }
}
