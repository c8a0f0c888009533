package dev.proconsul.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.CARootsRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CAStateTest {
    private final StateStore store = new StateStore();

    @Test
    void emptyBeforeInitialisation() {
        CARoots ca = store.caRoots(null).value();
        assertThat(ca.roots()).isEmpty();
        assertThat(ca.activeRootId()).isNull();
        assertThat(ca.trustDomain()).isNull();
    }

    @Test
    void rootsRequestReplacesTheStateAndRotationKeepsCreateIndex() {
        store.apply(5, new CARootsRequest("c1", List.of(SnapshotTest.root("r1", true)), "KEY1"));
        CARoots first = store.caRoots(null).value();
        assertThat(first.activeRootId()).isEqualTo("r1");
        assertThat(first.trustDomain()).isEqualTo("c1.consul");
        assertThat(first.privateKeyPem()).isEqualTo("KEY1");
        assertThat(first.roots().get(0).createIndex()).isEqualTo(5);
        assertThat(store.caRoots(null).index()).isEqualTo(5);

        store.apply(8, new CARootsRequest("c1", List.of(SnapshotTest.root("r1", false), SnapshotTest.root("r2", true)),
                "KEY2"));
        CARoots rotated = store.caRoots(null).value();
        assertThat(rotated.activeRootId()).isEqualTo("r2");
        assertThat(rotated.privateKeyPem()).isEqualTo("KEY2");
        assertThat(rotated.roots()).extracting(CARoot::id, CARoot::createIndex, CARoot::modifyIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", 5L, 8L),
                        org.assertj.core.groups.Tuple.tuple("r2", 8L, 8L));
        assertThat(store.caRoots(null).index()).isEqualTo(8);
    }

    @Test
    void twoActiveRootsAreRejected() {
        var r = store.apply(5, new CARootsRequest("c1",
                List.of(SnapshotTest.root("r1", true), SnapshotTest.root("r2", true)), "K"));
        assertThat(r.error()).isEqualTo("Only one CA root may be active");
        assertThat(store.caRoots(null).value().roots()).isEmpty();
    }
}
