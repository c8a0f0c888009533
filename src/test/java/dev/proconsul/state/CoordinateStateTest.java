package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.Indexed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinates table: batch updates, indexes, node removal, watches and snapshots. */
class CoordinateStateTest {

    static Coordinate coord(double x) {
        double[] v = new double[8];
        v[0] = x;
        return new Coordinate(v, 0.5, 0.0, 1e-5);
    }

    static CoordinateBatchUpdateRequest batch(CoordinateEntry... entries) {
        return new CoordinateBatchUpdateRequest(List.of(entries));
    }

    @Test
    void batchWritesKnownNodesAndSilentlyDropsUnknownOnes() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        s.apply(2, node("n2", "10.0.0.2"));
        ApplyResult r = s.apply(3, batch(new CoordinateEntry("n1", "", coord(0.1)),
                new CoordinateEntry("ghost", "", coord(0.2)), new CoordinateEntry("N2", "", coord(0.3))));

        assertThat(r.isError()).isFalse();
        Indexed<List<CoordinateEntry>> all = s.coordinates(null);
        assertThat(all.index()).isEqualTo(3);
        assertThat(all.value()).extracting(CoordinateEntry::node).containsExactly("n1", "n2");
        assertThat(all.value().get(1).coord()).isEqualTo(coord(0.3));
        assertThat(s.coordinateIndexes("n1", "")).containsExactly(3, 3);
    }

    @Test
    void updatesKeepCreateIndexAndSkipUnchangedRows() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        s.apply(2, batch(new CoordinateEntry("n1", "", coord(0.1))));
        s.apply(3, batch(new CoordinateEntry("n1", "", coord(0.2))));
        assertThat(s.coordinateIndexes("n1", "")).containsExactly(2, 3);

        WatchSet ws = new WatchSet();
        s.nodeCoordinates("n1", ws);
        s.apply(4, batch(new CoordinateEntry("n1", "", coord(0.2))));
        assertThat(s.coordinateIndexes("n1", "")).containsExactly(2, 3);
        assertThat(s.coordinates(null).index()).isEqualTo(3);
        assertThat(ws.await(0)).isFalse();
    }

    @Test
    void segmentsAreSeparateRowsOfOneNode() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        s.apply(2, batch(new CoordinateEntry("n1", "", coord(0.1)), new CoordinateEntry("n1", "alpha", coord(0.2))));
        assertThat(s.nodeCoordinates("N1", null).value()).extracting(CoordinateEntry::segment)
                .containsExactly("", "alpha");
        assertThat(s.nodeCoordinates("other", null).value()).isEmpty();
    }

    @Test
    void deregisteringTheNodeRemovesItsCoordinatesAndWakesWatchers() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        s.apply(2, node("n10", "10.0.0.10"));
        s.apply(3, batch(new CoordinateEntry("n1", "", coord(0.1)), new CoordinateEntry("n10", "", coord(0.2))));
        WatchSet ws = new WatchSet();
        s.coordinates(ws);

        s.apply(4, deregNode("n1"));

        assertThat(ws.await(0)).isTrue();
        assertThat(s.coordinates(null).value()).extracting(CoordinateEntry::node).containsExactly("n10");
        assertThat(s.coordinates(null).index()).isEqualTo(4);
        // A re-registered node starts without a coordinate.
        s.apply(5, node("n1", "10.0.0.1"));
        assertThat(s.nodeCoordinates("n1", null).value()).isEmpty();
    }

    @Test
    void invalidCoordinatesAreRejectedAndChangeNothing() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        double[] v = new double[8];
        v[3] = Double.NaN;
        ApplyResult r = s.apply(2, batch(new CoordinateEntry("n1", "", coord(0.1)),
                new CoordinateEntry("n1", "x", new Coordinate(v, 1, 0, 0))));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isEqualTo("invalid coordinate");
        assertThat(s.coordinates(null).value()).isEmpty();
        assertThat(s.lastIndex()).isEqualTo(2);
    }

    @Test
    void coordinateWritesDoNotWakeCatalogWatchers() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        WatchSet ws = new WatchSet();
        s.nodes(ws);
        s.apply(2, batch(new CoordinateEntry("n1", "", coord(0.1))));
        assertThat(ws.await(0)).isFalse();
    }

    @Test
    void snapshotsCarryCoordinatesWithTheirIndexes() throws Exception {
        StateStore s = new StateStore();
        s.apply(1, node("n1", "10.0.0.1"));
        s.apply(2, batch(new CoordinateEntry("n1", "", coord(0.1))));
        s.apply(3, batch(new CoordinateEntry("n1", "", coord(0.2)), new CoordinateEntry("n1", "seg", coord(0.3))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeSnapshot(out);

        StateStore restored = new StateStore();
        restored.restoreSnapshot(new ByteArrayInputStream(out.toByteArray()));

        assertThat(restored.coordinates(null)).isEqualTo(s.coordinates(null));
        assertThat(restored.coordinateIndexes("n1", "")).containsExactly(2, 3);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        restored.writeSnapshot(again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
    }

    @Test
    void snapshotsFromBeforeCoordinatesStillRestore() throws Exception {
        String old = "PROCONSUL-SNAPSHOT 1\n{\"LastIndex\":2,\"Indexes\":{\"nodes\":2},\"ServiceIndexes\":{},"
                + "\"Nodes\":[{\"ID\":\"\",\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Datacenter\":\"dc1\","
                + "\"TaggedAddresses\":{},\"Meta\":{},\"CreateIndex\":2,\"ModifyIndex\":2}],\"Services\":[],"
                + "\"Checks\":[],\"KVs\":[],\"Tombstones\":[],\"Sessions\":[],"
                + "\"CA\":{\"ClusterID\":null,\"ActiveRootID\":null,\"Roots\":[],\"PrivateKey\":null}}";
        StateStore s = new StateStore();
        s.restoreSnapshot(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)));
        assertThat(s.node("n1", null).value()).isNotNull();
        assertThat(s.coordinates(null).value()).isEmpty();
        assertThat(s.coordinates(null).index()).isEqualTo(1);
    }
}
