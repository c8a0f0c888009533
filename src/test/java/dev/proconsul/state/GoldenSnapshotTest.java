package dev.proconsul.state;

import static dev.proconsul.state.GoldenSnapshotFixture.S_DELETE;
import static dev.proconsul.state.GoldenSnapshotFixture.S_RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.SnapshotArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Snapshots written by earlier builds must restore: the committed golden files (written before the state store was
 * split into table units, see {@link GoldenSnapshotFixture}) restore with today's code to a store whose every read
 * answers the values and indexes the original store answered, and writing it again gives the same bytes.
 */
class GoldenSnapshotTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenSnapshotTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    static StateStore restored(byte[] state) throws IOException {
        StateStore s = new StateStore(() -> GoldenSnapshotFixture.CLOCK);
        s.apply(500, Fixtures.set("to-be-replaced", "x"));
        s.restoreSnapshot(new ByteArrayInputStream(state));
        return s;
    }

    @Test
    void goldenStateRestoresToTheSameReadsAndBytes() throws IOException {
        byte[] golden = resource(GoldenSnapshotFixture.STATE);
        StateStore copy = restored(golden);
        StateStore original = GoldenSnapshotFixture.populated();

        assertThat(GoldenSnapshotFixture.state(copy)).isEqualTo(golden);
        assertSameReads(copy, original);
        assertThat(copy.kvGet("to-be-replaced", null).value()).isNull();
    }

    @Test
    void todaysWriterStillProducesTheGoldenBytes() throws IOException {
        String golden = new String(resource(GoldenSnapshotFixture.STATE), StandardCharsets.UTF_8);
        assertThat(new String(GoldenSnapshotFixture.state(GoldenSnapshotFixture.populated()), StandardCharsets.UTF_8))
                .isEqualTo(golden);
    }

    @Test
    void goldenArchiveHoldsTheGoldenStateAndRestores() throws IOException {
        SnapshotArchive.Contents c = SnapshotArchive.read(
                new ByteArrayInputStream(resource(GoldenSnapshotFixture.ARCHIVE)), Long.MAX_VALUE);
        assertThat(c.state()).isEqualTo(resource(GoldenSnapshotFixture.STATE));
        assertThat(c.meta().index()).isEqualTo(GoldenSnapshotFixture.populated().lastIndex());
        assertThat(c.meta().term()).isEqualTo(GoldenSnapshotFixture.TERM);
        assertSameReads(restored(c.state()), GoldenSnapshotFixture.populated());
    }

    /**
     * The bytes written before the table units existed (commit 30c831d), kept as they were: they differ from today's
     * golden file only in the "empty" key, which that build stored as "" and today's stores as nil (Consul's store
     * keeps nil for an empty PUT). They restore, re-serialise to themselves, and read like today's golden store but
     * for that one value, which a restore keeps as it was saved.
     */
    @Test
    void snapshotWrittenBeforeTheTableUnitsStillRestores() throws IOException {
        byte[] old = resource("golden-v1-pre-units.state");
        StateStore copy = restored(old);
        assertThat(GoldenSnapshotFixture.state(copy)).isEqualTo(old);
        assertThat(copy.kvGet("empty", null).value().value()).isEmpty();
        String today = new String(resource(GoldenSnapshotFixture.STATE), StandardCharsets.UTF_8);
        assertThat(new String(old, StandardCharsets.UTF_8).replace("\"Value\":\"\"", "\"Value\":null"))
                .isEqualTo(today);
    }

    @Test
    void completeGoldenStateRestoresWithItsPreparedQueries() throws IOException {
        byte[] golden = resource(GoldenSnapshotFixture.STATE_COMPLETE);
        StateStore copy = restored(golden);
        StateStore original = GoldenSnapshotFixture.complete();

        assertThat(GoldenSnapshotFixture.state(copy)).isEqualTo(golden);
        assertSameReads(copy, original);
        assertThat(copy.preparedQueries(null)).isEqualTo(original.preparedQueries(null));
        assertThat(copy.preparedQueries(null).value()).hasSize(3);
        // The template came back compiled: resolving a name renders it.
        assertThat(copy.preparedQueryResolve("geo-db", "").value().service().service()).isEqualTo("db");
    }

    @Test
    void v1GoldenStateRestoresWithNoPreparedQueries() throws IOException {
        StateStore copy = restored(resource(GoldenSnapshotFixture.STATE));
        assertThat(copy.preparedQueries(null).value()).isEmpty();
        assertThat(copy.preparedQueries(null).index()).isEqualTo(1);
    }

    /** Every read the store offers, values and indexes, on every row the fixture holds (and a few it does not). */
    static void assertSameReads(StateStore copy, StateStore original) {
        assertThat(copy.lastIndex()).isEqualTo(original.lastIndex());
        assertThat(copy.catalogVersion()).isNotZero();
        assertThat(copy.nodes(null)).isEqualTo(original.nodes(null));
        for (String n : List.of("Node-1", "node-1", "n2", "n3", "ghost")) {
            assertThat(copy.node(n, null)).as(n).isEqualTo(original.node(n, null));
            assertThat(copy.nodeServices(n, null)).as(n).isEqualTo(original.nodeServices(n, null));
            assertThat(copy.nodeChecks(n, null)).as(n).isEqualTo(original.nodeChecks(n, null));
            assertThat(copy.nodeSessions(n, null)).as(n).isEqualTo(original.nodeSessions(n, null));
            assertThat(copy.nodeCoordinates(n, null)).as(n).isEqualTo(original.nodeCoordinates(n, null));
        }
        assertThat(copy.services(null)).isEqualTo(original.services(null));
        for (String svc : List.of("web", "web-sidecar-proxy", "native", "db", "nope")) {
            assertThat(copy.serviceNodes(svc, null)).as(svc).isEqualTo(original.serviceNodes(svc, null));
            assertThat(copy.serviceChecks(svc, null)).as(svc).isEqualTo(original.serviceChecks(svc, null));
            assertThat(copy.checkServiceNodes(svc, null)).as(svc).isEqualTo(original.checkServiceNodes(svc, null));
        }
        for (String state : List.of("any", "passing", "warning", "critical")) {
            assertThat(copy.checksInState(state, null)).as(state).isEqualTo(original.checksInState(state, null));
        }
        for (String prefix : List.of("", "a", "a/", "a/tmp", "gone", "locks/", "nothing")) {
            assertThat(copy.kvList(prefix, null).index()).as(prefix).isEqualTo(original.kvList(prefix, null).index());
            assertThat(copy.kvList(prefix, null).value()).as(prefix)
                    .usingRecursiveFieldByFieldElementComparator().isEqualTo(original.kvList(prefix, null).value());
            assertThat(copy.kvKeys(prefix, "/", null)).as(prefix).isEqualTo(original.kvKeys(prefix, "/", null));
            assertThat(copy.kvKeys(prefix, "", null)).as(prefix).isEqualTo(original.kvKeys(prefix, "", null));
        }
        for (String key : List.of("a/b", "bin", "empty", "flags", "locks/leader", "locks/gone", "gone", "none")) {
            assertThat(copy.kvGet(key, null).index()).as(key).isEqualTo(original.kvGet(key, null).index());
            assertThat(copy.kvGet(key, null).value()).as(key)
                    .usingRecursiveComparison().isEqualTo(original.kvGet(key, null).value());
        }
        assertThat(copy.kvGet("bin", null).value().value()).isNull();
        assertThat(copy.kvGet("empty", null).value().value()).isNull(); // an empty PUT is stored as nil, as in Consul
        assertThat(copy.kvGet("flags", null).value().value()).containsExactly(0, 255, 10);
        assertThat(copy.kvGet("locks/leader", null).value().session()).isEqualTo(S_RELEASE);
        assertThat(copy.kvList("gone", null).index()).isPositive();
        assertThat(copy.sessions(null)).isEqualTo(original.sessions(null));
        for (String id : List.of(S_RELEASE, S_DELETE, GoldenSnapshotFixture.S_GONE)) {
            assertThat(copy.session(id, null)).as(id).isEqualTo(original.session(id, null));
        }
        assertThat(copy.caRoots(null)).isEqualTo(original.caRoots(null));
        assertThat(copy.caRoots(null).value().privateKeyPem()).contains("secret");
        assertThat(copy.coordinates(null)).isEqualTo(original.coordinates(null));
        for (String[] ns : new String[][] {{"Node-1", ""}, {"node-1", "alpha"}, {"n2", ""}, {"ghost", ""}}) {
            assertThat(copy.coordinateIndexes(ns[0], ns[1])).isEqualTo(original.coordinateIndexes(ns[0], ns[1]));
        }
        assertThat(copy.txnRead(new dev.proconsul.structs.TxnRequest(List.of())).index())
                .isEqualTo(original.txnRead(new dev.proconsul.structs.TxnRequest(List.of())).index());
    }

    /** Rewrites the golden files: {@code -Dgolden.regenerate=true}; only when the format version changes. */
    @Test
    @EnabledIfSystemProperty(named = "golden.regenerate", matches = "true")
    void regenerate() throws IOException {
        GoldenSnapshotFixture.main(new String[0]);
    }
}
