package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.check;
import static dev.proconsul.state.Fixtures.deregCheck;
import static dev.proconsul.state.Fixtures.deregNode;
import static dev.proconsul.state.Fixtures.deregService;
import static dev.proconsul.state.Fixtures.node;
import static dev.proconsul.state.Fixtures.service;
import static dev.proconsul.state.Fixtures.withCheck;
import static dev.proconsul.state.Fixtures.withServiceAndChecks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.KVRequest.Verb;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionStateTest {
    private static final String S1 = "11111111-1111-1111-1111-111111111111";
    private static final String S2 = "22222222-2222-2222-2222-222222222222";

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private StateStore store;
    private long index;

    @BeforeEach
    void setUp() {
        store = new StateStore(clock::get);
        index = 0;
        ok(withServiceAndChecks("n1", "10.0.0.1", service("web", "web", 80),
                check("serfHealth", "Serf", HealthCheck.PASSING, null),
                check("disk", "Disk", HealthCheck.PASSING, null),
                check("web-alive", "Web", HealthCheck.PASSING, "web")));
        ok(node("n2", "10.0.0.2"));
    }

    static Session session(String id, String node, String behavior, long lockDelayNanos, String... nodeChecks) {
        return new Session(id, "s", node, lockDelayNanos, behavior, "", List.of(nodeChecks), null, null, 0, 0);
    }

    static SessionRequest create(Session s) {
        return new SessionRequest(SessionRequest.Op.CREATE, s);
    }

    static SessionRequest destroy(String id) {
        return new SessionRequest(SessionRequest.Op.DESTROY,
                new Session(id, null, null, 0, null, null, null, null, null, 0, 0));
    }

    static KVRequest lock(String key, String session, String value) {
        return new KVRequest(Verb.LOCK, new KVEntry(0, key, 0, bytes(value), session, 0, 0));
    }

    static KVRequest unlock(String key, String session, String value) {
        return new KVRequest(Verb.UNLOCK, new KVEntry(0, key, 0, bytes(value), session, 0, 0));
    }

    private ApplyResult apply(Command c) {
        return store.apply(++index, c);
    }

    private ApplyResult ok(Command c) {
        ApplyResult r = apply(c);
        assertThat(r.error()).as("applying %s", c).isNull();
        return r;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ create

    @Test
    void createStoresTheSessionWithItsIndexesAndFindsItByNode() {
        ApplyResult r = ok(create(session(S1, "N1", Session.RELEASE, 0, "serfHealth")));

        assertThat(r.sessionId()).isEqualTo(S1);
        Session s = store.session(S1, null).value();
        assertThat(s.createIndex()).isEqualTo(r.index());
        assertThat(s.modifyIndex()).isEqualTo(r.index());
        assertThat(store.session(S1, null).index()).isEqualTo(r.index());
        assertThat(store.sessions(null).value()).extracting(Session::id).containsExactly(S1);
        assertThat(store.nodeSessions("n1", null).value()).extracting(Session::id).containsExactly(S1);
        assertThat(store.nodeSessions("n2", null).value()).isEmpty();
        assertThat(store.session("unknown", null).value()).isNull();
    }

    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of("unknown node", session(S1, "ghost", Session.RELEASE, 0), "Missing node registration"),
                Arguments.of("unknown check", session(S1, "n1", Session.RELEASE, 0, "serfHealth", "nope"),
                        "Missing check 'nope' registration"),
                Arguments.of("check on another node", session(S1, "n2", Session.RELEASE, 0, "disk"),
                        "Missing check 'disk' registration"),
                Arguments.of("bad behavior", session(S1, "n1", "explode", 0), "Invalid Behavior setting 'explode'"),
                Arguments.of("no ID", session("", "n1", Session.RELEASE, 0), "Must provide ID"),
                Arguments.of("unknown service check", new Session(S1, "s", "n1", 0, Session.RELEASE, "", List.of(),
                        List.of(new Session.ServiceCheck("svc-nope", null)), null, 0, 0),
                        "Missing check 'svc-nope' registration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void badCreatesAreRejectedAndChangeNothing(String name, Session s, String error) {
        long before = store.sessions(null).index();

        ApplyResult r = apply(create(s));

        assertThat(r.error()).isEqualTo(error);
        assertThat(store.sessions(null).value()).isEmpty();
        assertThat(store.sessions(null).index()).isEqualTo(before);
    }

    @Test
    void aSessionCannotBindToACriticalCheck() {
        ok(withCheck("n1", "10.0.0.1", check("disk", "Disk", HealthCheck.CRITICAL, null)));

        assertThat(apply(create(session(S1, "n1", Session.RELEASE, 0, "disk"))).error())
                .isEqualTo("Check 'disk' is in critical state");
    }

    @Test
    void destroyOfAnUnknownSessionIsANoOp() {
        ApplyResult r = ok(destroy("nobody"));
        assertThat(r.flag()).isTrue();
    }

    // ------------------------------------------------------------------ locks

    @Test
    void lockUnlockAndLockIndex() {
        ok(create(session(S1, "n1", Session.RELEASE, 0)));
        ok(create(session(S2, "n2", Session.RELEASE, 0)));

        assertThat(ok(lock("k", S1, "one")).flag()).isEqualTo(true);
        KVEntry held = store.kvGet("k", null).value();
        assertThat(held.session()).isEqualTo(S1);
        assertThat(held.lockIndex()).isEqualTo(1);

        assertThat(ok(lock("k", S2, "two")).flag()).as("held by another").isEqualTo(false);
        assertThat(ok(lock("k", S1, "again")).flag()).as("re-acquire by holder").isEqualTo(true);
        assertThat(store.kvGet("k", null).value().lockIndex()).isEqualTo(1);
        assertThat(ok(unlock("k", S2, "x")).flag()).as("not the holder").isEqualTo(false);

        assertThat(ok(unlock("k", S1, "released")).flag()).isEqualTo(true);
        KVEntry released = store.kvGet("k", null).value();
        assertThat(released.session()).isNull();
        assertThat(new String(released.value(), StandardCharsets.UTF_8)).isEqualTo("released");
        assertThat(released.lockIndex()).isEqualTo(1);

        assertThat(ok(lock("k", S2, "two")).flag()).isEqualTo(true);
        assertThat(store.kvGet("k", null).value().lockIndex()).as("a new holder bumps LockIndex").isEqualTo(2);
    }

    @Test
    void aPlainSetKeepsTheLock() {
        ok(create(session(S1, "n1", Session.RELEASE, 0)));
        ok(lock("k", S1, "v"));
        ok(new KVRequest(Verb.SET, new KVEntry(0, "k", 0, bytes("w"), null, 0, 0)));

        assertThat(store.kvGet("k", null).value().session()).isEqualTo(S1);
    }

    // ------------------------------------------------------------------ invalidation

    /** What ends the session, applied after it holds key "lock" (and "other" stays untouched). */
    static Stream<Arguments> invalidations() {
        List<Object[]> triggers = List.of(
                new Object[] {"destroy", (BiFunction<String, String, Command>) (id, b) -> destroy(id), "serfHealth"},
                new Object[] {"node check critical", (BiFunction<String, String, Command>) (id, b) ->
                        withCheck("n1", "10.0.0.1", check("serfHealth", "Serf", HealthCheck.CRITICAL, null)),
                        "serfHealth"},
                new Object[] {"node check deregistered", (BiFunction<String, String, Command>) (id, b) ->
                        deregCheck("n1", "disk"), "disk"},
                new Object[] {"node deregistered", (BiFunction<String, String, Command>) (id, b) ->
                        deregNode("n1"), "serfHealth"},
                new Object[] {"service check critical", (BiFunction<String, String, Command>) (id, b) ->
                        withCheck("n1", "10.0.0.1", check("web-alive", "Web", HealthCheck.CRITICAL, "web")),
                        "web-alive"},
                new Object[] {"service deregistered", (BiFunction<String, String, Command>) (id, b) ->
                        deregService("n1", "web"), "web-alive"});
        return triggers.stream().flatMap(t -> Stream.of(Session.RELEASE, Session.DELETE)
                .map(b -> Arguments.of(t[0] + ", " + b, t[1], t[2], b)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidations")
    void invalidationReleasesOrDeletesTheLocksHeld(String name, BiFunction<String, String, Command> trigger,
                                                  String boundCheck, String behavior) {
        ok(create(session(S1, "n1", behavior, 0, boundCheck)));
        ok(create(session(S2, "n2", Session.RELEASE, 0)));
        ok(lock("lock", S1, "mine"));
        ok(lock("other", S2, "theirs"));

        ApplyResult r = ok(trigger.apply(S1, behavior));

        assertThat(store.session(S1, null).value()).isNull();
        assertThat(store.sessions(null).index()).isEqualTo(r.index());
        KVEntry after = store.kvGet("lock", null).value();
        if (behavior.equals(Session.RELEASE)) {
            assertThat(after.session()).isNull();
            assertThat(after.lockIndex()).isEqualTo(1);
            assertThat(after.modifyIndex()).isEqualTo(r.index());
            assertThat(new String(after.value(), StandardCharsets.UTF_8)).isEqualTo("mine");
        } else {
            assertThat(after).isNull();
            assertThat(store.kvList("", null).index()).as("delete leaves a tombstone index").isEqualTo(r.index());
        }
        assertThat(store.kvGet("other", null).value().session()).isEqualTo(S2);
        assertThat(store.session(S2, null).value()).isNotNull();
    }

    @Test
    void anUnrelatedCriticalCheckLeavesTheSessionAlone() {
        ok(create(session(S1, "n1", Session.RELEASE, 0, "serfHealth")));
        ok(withCheck("n1", "10.0.0.1", check("disk", "Disk", HealthCheck.CRITICAL, null)));

        assertThat(store.session(S1, null).value()).isNotNull();
    }

    // ------------------------------------------------------------------ lock-delay

    @Test
    void lockDelayStartsAtInvalidationAndRunsOnTheClock() {
        ok(create(session(S1, "n1", Session.RELEASE, 5_000_000_000L)));
        ok(lock("k", S1, "v"));
        assertThat(store.kvLockDelayed("k")).as("no delay while held").isFalse();

        ok(destroy(S1));

        assertThat(store.kvLockDelayed("k")).isTrue();
        assertThat(store.kvLockDelayed("unrelated")).isFalse();
        clock.addAndGet(4_999);
        assertThat(store.kvLockDelayed("k")).isTrue();
        clock.addAndGet(2);
        assertThat(store.kvLockDelayed("k")).isFalse();
    }

    @Test
    void lockDelayIsCappedAtSixtySecondsAndZeroMeansNone() {
        ok(create(session(S1, "n1", Session.RELEASE, 3_600_000_000_000L)));
        ok(create(session(S2, "n1", Session.RELEASE, 0)));
        ok(lock("capped", S1, "v"));
        ok(lock("none", S2, "v"));
        ok(destroy(S1));
        ok(destroy(S2));

        assertThat(store.kvLockDelayed("none")).isFalse();
        clock.addAndGet(59_999);
        assertThat(store.kvLockDelayed("capped")).isTrue();
        clock.addAndGet(2);
        assertThat(store.kvLockDelayed("capped")).isFalse();
    }

    @Test
    void aRejectedWriteStartsNoLockDelay() {
        ok(create(session(S1, "n1", Session.RELEASE, 5_000_000_000L)));
        ok(lock("k", S1, "v"));
        // Deregistering a check that the session is not bound to, inside a failing register, must not leak.
        ApplyResult r = apply(new dev.proconsul.structs.RegisterRequest("dc1", null, "n1", "10.0.0.1", null, null,
                null, null, List.of(check("serfHealth", "Serf", HealthCheck.CRITICAL, null),
                check("bad", "Bad", HealthCheck.PASSING, "no-such-service")), false));

        assertThat(r.isError()).isTrue();
        assertThat(store.session(S1, null).value()).isNotNull();
        assertThat(store.kvGet("k", null).value().session()).isEqualTo(S1);
        assertThat(store.kvLockDelayed("k")).isFalse();
    }

    // ------------------------------------------------------------------ snapshots and watches

    @Test
    void sessionsAndTheirLocksSurviveASnapshot() throws Exception {
        ok(create(session(S1, "n1", Session.DELETE, 0, "disk")));
        ok(lock("k", S1, "v"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeSnapshot(out);

        StateStore restored = new StateStore(clock::get);
        restored.restoreSnapshot(new ByteArrayInputStream(out.toByteArray()));

        assertThat(restored.session(S1, null).value()).isEqualTo(store.session(S1, null).value());
        assertThat(restored.sessions(null).index()).isEqualTo(store.sessions(null).index());
        // The by-check and by-session indexes were rebuilt: a check going away deletes the locked key.
        restored.apply(index + 1, deregCheck("n1", "disk"));
        assertThat(restored.session(S1, null).value()).isNull();
        assertThat(restored.kvGet("k", null).value()).isNull();
    }

    @Test
    void sessionReadsWakeOnlyForTheirOwnChanges() throws Exception {
        ok(create(session(S1, "n1", Session.RELEASE, 0)));
        WatchSet info = new WatchSet();
        store.session(S1, info);
        WatchSet otherNode = new WatchSet();
        store.nodeSessions("n1", otherNode);

        ok(create(session(S2, "n2", Session.RELEASE, 0)));

        assertThat(info.await(0)).isFalse();
        assertThat(otherNode.await(0)).isFalse();
        WatchSet again = new WatchSet();
        store.session(S1, again);
        ok(destroy(S1));
        assertThat(again.await(1_000)).isTrue();
    }
}
