package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.check;
import static dev.proconsul.state.Fixtures.node;
import static dev.proconsul.state.Fixtures.service;
import static dev.proconsul.state.Fixtures.withServiceAndChecks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import dev.proconsul.structs.TxnOp;
import dev.proconsul.structs.TxnRequest;
import dev.proconsul.structs.TxnResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxnStateTest {
    private static final String SID = "33333333-3333-3333-3333-333333333333";
    private StateStore store;
    private long index;

    @BeforeEach
    void setUp() {
        store = new StateStore();
        index = 0;
        store.apply(++index, withServiceAndChecks("n1", "10.0.0.1", service("web", "web", 80),
                check("serfHealth", "Serf", HealthCheck.PASSING, null)));
        store.apply(++index, new SessionRequest(SessionRequest.Op.CREATE, new Session(SID, "", "n1", 0,
                Session.RELEASE, "", List.of(), null, null, 0, 0)));
        store.apply(++index, new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "a", 0, bytes("1"), null, 0, 0)));
        store.apply(++index, new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "dir/x", 0, bytes("x"), null, 0, 0)));
        store.apply(++index, new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "dir/y", 0, bytes("y"), null, 0, 0)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static TxnOp kv(String verb, String key, String value, long idx, String session) {
        return new TxnOp(new TxnOp.KV(verb, key, value == null ? null : bytes(value), 0, idx, session), null, null,
                null);
    }

    static TxnOp kv(String verb, String key) {
        return kv(verb, key, null, 0, null);
    }

    private TxnResponse run(TxnOp... ops) {
        ApplyResult r = store.apply(++index, new TxnRequest(List.of(ops)));
        assertThat(r.error()).isNull();
        return r.txn();
    }

    private byte[] snapshot() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeSnapshot(out);
        // The snapshot's first line holds LastIndex, which a rolled-back transaction still advances: drop it.
        String s = out.toString(StandardCharsets.UTF_8);
        return s.replaceFirst("\"LastIndex\":\\d+", "").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesApplyTogetherAndEachSeesTheOnesBefore() {
        long aIndex = store.kvGet("a", null).value().modifyIndex();

        TxnResponse r = run(
                kv("cas", "a", "2", aIndex, null),
                kv("set", "b", "new", 0, null),
                kv("check-index", "b", null, index + 1, null),
                kv("lock", "b", "locked", 0, SID),
                kv("check-session", "b", null, 0, SID),
                kv("get", "b"),
                kv("delete-tree", "dir/"),
                kv("check-not-exists", "dir/x"));

        assertThat(r.errors()).isNull();
        assertThat(r.results()).hasSize(6);
        assertThat(r.results().get(0).kv().key()).isEqualTo("a");
        assertThat(r.results().get(0).kv().value()).as("write results carry no value").isNull();
        assertThat(r.results().get(0).kv().modifyIndex()).isEqualTo(index);
        assertThat(r.results().get(3).kv().session()).isEqualTo(SID);
        assertThat(new String(r.results().get(5).kv().value(), StandardCharsets.UTF_8)).isEqualTo("locked");
        assertThat(store.kvGet("b", null).value().lockIndex()).isEqualTo(1);
        assertThat(store.kvList("dir/", null).value()).isEmpty();
        assertThat(new String(store.kvGet("a", null).value().value(), StandardCharsets.UTF_8)).isEqualTo("2");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(kv("get", "missing"), "key \"missing\" doesn't exist"),
                Arguments.of(kv("cas", "a", "z", 999, null), "failed to set key \"a\", index is stale"),
                Arguments.of(kv("cas", "a", "z", 0, null), "failed to set key \"a\", index is stale"),
                Arguments.of(kv("delete-cas", "a", null, 999, null), "failed to delete key \"a\", index is stale"),
                Arguments.of(kv("lock", "a", "v", 0, "not-a-session"), "invalid session \"not-a-session\""),
                Arguments.of(kv("lock", "a", "v", 0, null), "missing session"),
                Arguments.of(kv("unlock", "a", "v", 0, SID),
                        "failed to unlock key \"a\", lock isn't held, or is held by another session"),
                Arguments.of(kv("check-index", "a", null, 999, null),
                        "failed index check for key \"a\", current modify index 3 != 999"),
                Arguments.of(kv("check-index", "zz", null, 1, null), "failed to check index, key \"zz\" doesn't exist"),
                Arguments.of(kv("check-session", "a", null, 0, SID),
                        "failed session check for key \"a\", current session \"\" != \"" + SID + "\""),
                Arguments.of(kv("check-not-exists", "a"), "key \"a\" exists"),
                Arguments.of(kv("explode", "a"), "unknown KV verb \"explode\""),
                Arguments.of(new TxnOp(null, null, null, null), "no operation specified"),
                Arguments.of(new TxnOp(null, new TxnOp.NodeOp("get", nodeNamed("ghost")), null, null),
                        "node \"ghost\" doesn't exist"),
                Arguments.of(new TxnOp(null, new TxnOp.NodeOp("frob", nodeNamed("n1")), null, null),
                        "unknown Node verb \"frob\""),
                Arguments.of(new TxnOp(null, null, new TxnOp.ServiceOp("get", "n1", service("db", "db", 1)), null),
                        "service \"db\" on node \"n1\" doesn't exist"),
                Arguments.of(new TxnOp(null, null, new TxnOp.ServiceOp("set", "ghost", service("db", "db", 1)),
                        null), "failed inserting service: Missing node registration"),
                Arguments.of(new TxnOp(null, null, null, new TxnOp.CheckOp("get", checkOn("n1", "nope"))),
                        "check \"nope\" on node \"n1\" doesn't exist"),
                Arguments.of(new TxnOp(null, null, null, new TxnOp.CheckOp("zap", checkOn("n1", "serfHealth"))),
                        "unknown Check verb \"zap\""));
    }

    static Node nodeNamed(String name) {
        return new Node(null, name, "10.0.0.9", null, null, null, 0, 0);
    }

    static HealthCheck checkOn(String node, String id) {
        return new HealthCheck(node, id, id, HealthCheck.PASSING, null, null, null, null, null, null, null, null,
                null, 0, 0);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failures")
    void aFailingOperationRollsBackTheWholeTransactionWithoutATrace(TxnOp failing, String what) throws Exception {
        byte[] before = snapshot();
        long kvIndex = store.kvList("", null).index();

        TxnResponse r = run(
                kv("set", "written-first", "v", 0, null),
                new TxnOp(null, new TxnOp.NodeOp("set", nodeNamed("n9")), null, null),
                kv("delete", "dir/x"),
                failing);

        assertThat(r.results()).isNull();
        assertThat(r.errors()).containsExactly(new TxnResponse.Error(3, what));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.kvList("", null).index()).isEqualTo(kvIndex);
        assertThat(store.node("n9", null).value()).isNull();
    }

    @Test
    void everyFailureIsReportedWithItsOperationIndex() {
        TxnResponse r = run(kv("get", "nope1"), kv("set", "ok", "v", 0, null), kv("get", "nope2"));

        assertThat(r.errors()).extracting(TxnResponse.Error::opIndex).containsExactly(0, 2);
        assertThat(store.kvGet("ok", null).value()).isNull();
    }

    @Test
    void catalogOperations() {
        Node n2 = new Node(null, "n2", "10.0.0.2", "dc1", Map.of(), Map.of("rack", "r1"), 0, 0);
        TxnResponse r = run(
                new TxnOp(null, new TxnOp.NodeOp("set", n2), null, null),
                new TxnOp(null, null, new TxnOp.ServiceOp("set", "n2", service("db", "db", 5432)), null),
                new TxnOp(null, null, null, new TxnOp.CheckOp("set", new HealthCheck("n2", "db-ok", "db",
                        HealthCheck.PASSING, null, null, "db", null, null, null, null, null, null, 0, 0))),
                new TxnOp(null, new TxnOp.NodeOp("get", nodeNamed("n2")), null, null));

        assertThat(r.errors()).isNull();
        assertThat(r.results()).hasSize(4);
        assertThat(r.results().get(0).node().meta()).containsEntry("rack", "r1");
        assertThat(r.results().get(1).service().port()).isEqualTo(5432);
        assertThat(r.results().get(2).check().serviceName()).isEqualTo("db");
        assertThat(store.serviceNodes("db", null).value()).hasSize(1);

        long nodeIndex = store.node("n2", null).value().modifyIndex();
        TxnResponse stale = run(new TxnOp(null, new TxnOp.NodeOp("delete-cas",
                new Node(null, "n2", null, null, null, null, 0, nodeIndex - 1)), null, null));
        assertThat(stale.errors()).extracting(TxnResponse.Error::what)
                .containsExactly("failed to delete node \"n2\", index is stale");
        TxnResponse deleted = run(new TxnOp(null, new TxnOp.NodeOp("delete-cas",
                new Node(null, "n2", null, null, null, null, 0, nodeIndex)), null, null));
        assertThat(deleted.errors()).isNull();
        assertThat(store.node("n2", null).value()).isNull();
        assertThat(store.serviceNodes("db", null).value()).isEmpty();
    }

    @Test
    void aCriticalCheckWrittenInATransactionInvalidatesSessions() {
        store.apply(++index, new SessionRequest(SessionRequest.Op.CREATE, new Session("44444444-4444-4444-4444-4444"
                + "44444444", "", "n1", 0, Session.DELETE, "", List.of("serfHealth"), null, null, 0, 0)));
        run(kv("lock", "owned", "v", 0, "44444444-4444-4444-4444-444444444444"));

        run(new TxnOp(null, null, null, new TxnOp.CheckOp("set", new HealthCheck("n1", "serfHealth", "Serf",
                HealthCheck.CRITICAL, null, null, null, null, null, null, null, null, null, 0, 0))));

        assertThat(store.session("44444444-4444-4444-4444-444444444444", null).value()).isNull();
        assertThat(store.kvGet("owned", null).value()).isNull();
    }

    @Test
    void readOnlyTransactionsRunWithoutRaftAndChangeNothing() {
        long last = store.lastIndex();
        List<TxnOp> ops = new ArrayList<>(List.of(kv("get", "a"), kv("get-tree", "dir/")));

        TxnResponse r = store.txnRead(new TxnRequest(ops)).value();

        assertThat(r.results()).extracting(res -> res.kv().key()).containsExactly("a", "dir/x", "dir/y");
        assertThat(r.results().get(1).kv().value()).as("get-tree keeps values").isNotNull();
        assertThat(store.lastIndex()).isEqualTo(last);
        TxnResponse missing = store.txnRead(new TxnRequest(List.of(kv("get", "nope")))).value();
        assertThat(missing.errors()).hasSize(1);
    }
}
