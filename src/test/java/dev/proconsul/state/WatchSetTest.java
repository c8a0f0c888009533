package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.proconsul.structs.Indexed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WatchSetTest {
    private static final long LONG_WAIT = TimeUnit.SECONDS.toMillis(30);

    private final StateStore store = new StateStore();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private long index = 10;

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private void write(dev.proconsul.structs.Command c) {
        store.apply(++index, c);
    }

    /** Parks a blocking query on what {@code read} watched; completes with whether it was woken. */
    private CompletableFuture<Boolean> park(Function<WatchSet, Indexed<?>> read) {
        WatchSet ws = new WatchSet();
        read.apply(ws);
        CompletableFuture<Boolean> woke = new CompletableFuture<>();
        threads.submit(() -> {
            try {
                woke.complete(ws.await(LONG_WAIT));
            } catch (Throwable t) {
                woke.completeExceptionally(t);
            }
        });
        return woke;
    }

    private void awaitParked(long waiters) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.watchStats().waiters() == waiters);
    }

    @Test
    void writeToKeyWakesWatchersOfTheKeyAndItsPrefixesOnly() {
        write(set("app/a", "1"));
        write(set("app/b", "1"));
        var keyA = park(ws -> store.kvGet("app/a", ws));
        var prefix = park(ws -> store.kvList("app/", ws));
        var keysAll = park(ws -> store.kvKeys("", "/", ws));
        var keyB = park(ws -> store.kvGet("app/b", ws));
        var otherPrefix = park(ws -> store.kvList("other/", ws));
        awaitParked(5);

        write(set("app/a", "2"));
        // Firing is synchronous: the channels of the untouched key and prefix are still there.
        assertThat(store.watchStats().watchedTopics()).isEqualTo(2);

        assertThat(keyA.join()).isTrue();
        assertThat(prefix.join()).isTrue();
        assertThat(keysAll.join()).isTrue();
        awaitParked(2);
        assertThat(keyB).isNotDone();
        assertThat(otherPrefix).isNotDone();

        write(delete("app/b"));
        assertThat(keyB.join()).isTrue();
        assertThat(otherPrefix).isNotDone();
    }

    @Test
    void noOpWriteWakesNobody() {
        write(set("k", "v"));
        var watcher = park(ws -> store.kvGet("k", ws));
        awaitParked(1);
        write(set("k", "v"));
        write(delete("absent"));
        assertThat(store.watchStats().waiters()).isEqualTo(1);
        assertThat(watcher).isNotDone();
        write(set("k", "w"));
        assertThat(watcher.join()).isTrue();
    }

    static Stream<Arguments> catalogWatches() {
        return Stream.of(
                Arguments.of("service health on instance change", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.checkServiceNodes("web", ws), withService("n1", "10.0.0.1", service("web1", "web", 8080))),
                Arguments.of("service health on node-level check", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.checkServiceNodes("web", ws), withCheck("n1", "10.0.0.1", check("serf", "serf", "critical", null))),
                Arguments.of("catalog service on node address", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.serviceNodes("web", ws), node("n1", "10.0.0.9")),
                Arguments.of("services list on new service", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.services(ws), withService("n2", "10.0.0.2", service("db", "db", 1))),
                Arguments.of("nodes list on new node", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.nodes(ws), node("n3", "10.0.0.3")),
                Arguments.of("node services on deregistration", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.nodeServices("n1", ws), deregService("n1", "web1")),
                Arguments.of("node checks on check update", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.nodeChecks("n1", ws), withCheck("n1", "10.0.0.1", check("serf", "serf", "warning", null))),
                Arguments.of("service checks on service check", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.serviceChecks("web", ws), withCheck("n1", "10.0.0.1", check("w", "w", "passing", "web1"))),
                Arguments.of("checks in state on any check", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.checksInState("any", ws), deregCheck("n1", "serf")),
                Arguments.of("health of a service yet to exist", (Function<StateStore, Function<WatchSet, Indexed<?>>>)
                        s -> ws -> s.checkServiceNodes("api", ws), withService("n2", "10.0.0.2", service("api", "api", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogWatches")
    void catalogWatchWakesOnRelevantChangeOnly(String what, Function<StateStore, Function<WatchSet, Indexed<?>>> read,
                                               dev.proconsul.structs.Command change) {
        write(withServiceAndChecks("n1", "10.0.0.1", service("web1", "web", 80),
                check("serf", "serf", "passing", null)));
        write(node("elsewhere", "10.9.9.9"));
        var watcher = park(read.apply(store));
        var bystander = park(ws -> store.serviceNodes("unrelated", ws));
        awaitParked(2);
        write(change);
        assertThat(store.watchStats().watchedTopics()).as("only the bystander's topic is left").isEqualTo(1);
        assertThat(watcher.join()).as(what).isTrue();
        assertThat(bystander).isNotDone();
    }

    @Test
    void awaitTimesOutWhenNothingChanges() throws Exception {
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        write(set("other", "x"));
        assertThat(ws.await(50)).isFalse();
        assertThat(store.watchStats()).isEqualTo(new StateStore.WatchStats(0, 0));
    }

    @Test
    void changeBetweenReadAndAwaitStillWakes() throws Exception {
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        write(set("k", "v")); // lands after the read, before the await
        assertThat(ws.await(LONG_WAIT)).isTrue();
    }

    @Test
    void unrelatedWritesBetweenReadAndAwaitDoNotWake() throws Exception {
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        write(set("other", "v"));
        assertThat(ws.await(50)).isFalse();
    }

    @Test
    void oneWatchSetOverSeveralReadsWakesOnAnyOfThem() {
        WatchSet ws = new WatchSet();
        store.kvGet("a", ws);
        store.kvGet("b", ws);
        store.nodes(ws);
        assertThat(ws.size()).isEqualTo(3);
        CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> {
            try {
                return ws.await(LONG_WAIT);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        awaitParked(3);
        write(set("b", "1"));
        assertThat(woke.join()).isTrue();
        awaitParked(0);
        assertThat(store.watchStats().watchedTopics()).isZero();
    }

    @Test
    void snapshotRestoreWakesEveryone() throws Exception {
        write(set("k", "v"));
        var a = park(ws -> store.kvGet("k", ws));
        var b = park(ws -> store.nodes(ws));
        awaitParked(2);
        var out = new java.io.ByteArrayOutputStream();
        new StateStore().writeSnapshot(out);
        store.restoreSnapshot(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertThat(a.join()).isTrue();
        assertThat(b.join()).isTrue();
    }

    @Test
    void manyWatchersOfOneKeyAllWakeAndLeaveNothingBehind() {
        write(set("hot", "0"));
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            all.add(park(ws -> store.kvGet("hot", ws)));
        }
        var cold = park(ws -> store.kvGet("cold", ws));
        awaitParked(2001);
        assertThat(store.watchStats().watchedTopics()).isEqualTo(2);
        write(set("hot", "1"));
        for (var f : all) {
            assertThat(f.join()).isTrue();
        }
        awaitParked(1);
        assertThat(store.watchStats().watchedTopics()).isEqualTo(1);
        assertThat(cold).isNotDone();
    }

    @Test
    void interruptedAwaitCleansUp() throws Exception {
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                ws.await(LONG_WAIT);
            } catch (InterruptedException expected) {
                // fine
            }
        });
        awaitParked(1);
        t.interrupt();
        t.join();
        assertThat(store.watchStats()).isEqualTo(new StateStore.WatchStats(0, 0));
    }

    @Test
    void listenCallsBackOnceOnAChangeAndLeavesNothingBehind() {
        write(set("k", "0"));
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        store.kvGet("j", ws);
        AtomicInteger calls = new AtomicInteger();
        WatchSet.Subscription sub = ws.listen(calls::incrementAndGet);
        assertThat(store.watchStats().waiters()).isEqualTo(2);
        write(set("other", "x"));
        assertThat(calls.get()).isZero();
        write(set("j", "1"));
        write(set("k", "1"));
        assertThat(calls.get()).isEqualTo(1);
        assertThat(sub.isDone()).isTrue();
        assertThat(sub.cancel()).isFalse();
        assertThat(store.watchStats()).isEqualTo(new StateStore.WatchStats(0, 0));
    }

    @Test
    void listenReportsAChangeThatCameBetweenReadAndListen() {
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        write(set("k", "v"));
        AtomicInteger calls = new AtomicInteger();
        ws.listen(calls::incrementAndGet);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(store.watchStats()).isEqualTo(new StateStore.WatchStats(0, 0));
    }

    @Test
    void cancelledListenerIsNeverCalledAndReleasesItsTopics() {
        WatchSet ws = new WatchSet();
        store.kvGet("k", ws);
        store.nodes(ws);
        AtomicInteger calls = new AtomicInteger();
        WatchSet.Subscription sub = ws.listen(calls::incrementAndGet);
        assertThat(sub.cancel()).isTrue();
        assertThat(store.watchStats()).isEqualTo(new StateStore.WatchStats(0, 0));
        write(set("k", "v"));
        assertThat(calls.get()).isZero();
    }

    @Test
    void listeningWithNothingWatchedIsAMistake() {
        assertThatThrownBy(() -> new WatchSet().listen(() -> { })).isInstanceOf(IllegalStateException.class);
    }
}
