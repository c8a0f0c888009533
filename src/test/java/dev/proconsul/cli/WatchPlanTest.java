package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.ConsulException;
import dev.proconsul.api.QueryOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch loop: when the handler runs, which index each read blocks on, and retries after failures. */
class WatchPlanTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true),
            new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of());
    private final ConsulClient consul = ConsulClient.builder(Map.of()).address("127.0.0.1:1").build();
    private final List<Long> waitIndexes = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();

    @AfterEach
    void close() {
        consul.close();
    }

    /** A source that plays back results (or failures, as RuntimeExceptions) and records the index it was asked for. */
    private WatchSource script(Object... steps) {
        Deque<Object> queue = new ArrayDeque<>(List.of(steps));
        return (c, opts) -> {
            waitIndexes.add(opts.waitIndex());
            Object next = queue.pop();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (WatchSource.Result) next;
        };
    }

    private WatchPlan plan(WatchSource source) {
        return new WatchPlan("key", source, QueryOptions::builder, ctx, Duration.ofMillis(1), Duration.ofMillis(4));
    }

    @Test
    void theHandlerRunsOnTheFirstResultAndOnlyWhenTheIndexChanges() {
        WatchPlan plan = plan(script(new WatchSource.Result(5, "a"), new WatchSource.Result(5, "a"),
                new WatchSource.Result(7, "b"), new WatchSource.Result(9, "stop")));

        int exit = plan.run(consul, (index, data) -> {
            handled.add(index + ":" + data);
            return data.equals("stop") ? 3 : null;
        });

        assertThat(exit).isEqualTo(3);
        assertThat(handled).containsExactly("5:a", "7:b", "9:stop");
        assertThat(waitIndexes).containsExactly(0L, 5L, 5L, 7L);
    }

    @Test
    void aFailedReadIsReportedAndRetriedWithTheSameIndex() {
        WatchPlan plan = plan(script(new WatchSource.Result(5, "a"), new ConsulException(500, "boom"),
                new ConsulException(500, "boom"), new ConsulException(500, "boom"), new ConsulException(500, "boom"),
                new WatchSource.Result(6, "b")));

        int exit = plan.run(consul, (index, data) -> {
            handled.add(index + ":" + data);
            return data.equals("b") ? 0 : null;
        });

        assertThat(exit).isZero();
        assertThat(handled).containsExactly("5:a", "6:b");
        assertThat(waitIndexes).containsExactly(0L, 5L, 5L, 5L, 5L, 5L);
        // The pause doubles up to the maximum.
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Watch (type: key) errored: Unexpected response code: 500 (boom), retry in 1ms
                Watch (type: key) errored: Unexpected response code: 500 (boom), retry in 2ms
                Watch (type: key) errored: Unexpected response code: 500 (boom), retry in 4ms
                Watch (type: key) errored: Unexpected response code: 500 (boom), retry in 4ms
                """);
    }

    @Test
    void anIndexOfZeroBlocksOnOneSoTheLoopDoesNotSpin() {
        WatchPlan plan = plan(script(new WatchSource.Result(0, "a"), new WatchSource.Result(4, "b")));
        plan.run(consul, (index, data) -> data.equals("b") ? 0 : null);
        assertThat(waitIndexes).containsExactly(0L, 1L);
    }

    @Test
    void stopEndsTheWatchWithExitZero() {
        WatchPlan[] self = new WatchPlan[1];
        self[0] = plan(script(new WatchSource.Result(5, "a"), new WatchSource.Result(6, "never handled")));
        int exit = self[0].run(consul, (index, data) -> {
            handled.add((String) data);
            self[0].stop();
            return null;
        });
        assertThat(exit).isZero();
        assertThat(handled).containsExactly("a");
    }
}
