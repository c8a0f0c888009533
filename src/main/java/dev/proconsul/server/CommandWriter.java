package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.raft.RaftNode;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends writes through Raft on the leader and turns rejections into {@link EndpointException}s. */
public final class CommandWriter {
    private static final long APPLY_TIMEOUT_SECONDS = 30;

    private final RaftNode raft;
    private final MetricsRegistry metrics;

    public CommandWriter(RaftNode raft, MetricsRegistry metrics) {
        this.raft = raft;
        this.metrics = metrics;
    }

    /**
     * Applies {@code command}; {@code metricName} (e.g. consul.kvs.apply) records how long it took.
     *
     * @return the applied result (never a rejected one)
     */
    public ApplyResult apply(Command command, String metricName) {
        if (!raft.isLeader()) {
            throw new EndpointException(EndpointException.Kind.NO_LEADER, EndpointException.NO_CLUSTER_LEADER);
        }
        long start = System.nanoTime();
        ApplyResult result;
        try {
            result = raft.apply(command).get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(EndpointException.Kind.INTERNAL, "apply interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException) {
                // The store refuses malformed commands by throwing; that is the caller's input, not our failure.
                throw EndpointException.badRequest(cause.getMessage());
            }
            throw new EndpointException(EndpointException.Kind.INTERNAL, "raft apply failed: " + cause.getMessage(),
                    cause);
        } catch (TimeoutException e) {
            throw new EndpointException(EndpointException.Kind.INTERNAL, "timed out enqueuing operation", e);
        }
        metrics.incrCounter("consul.raft.apply", 1);
        metrics.measureSince(metricName, start);
        if (result.isError()) {
            throw EndpointException.badRequest(result.error());
        }
        return result;
    }
}
