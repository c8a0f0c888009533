package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.RegisterRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** What the answer cache relies on: the store's catalog version moves with every catalog change, and only then. */
class CatalogVersionTest {
    private static RegisterRequest node(String name, String address) {
        return RegisterRequest.builder(name).address(address).build();
    }

    @Test
    void catalogWritesMoveTheVersionAndOtherWritesDoNot() {
        StateStore store = new StateStore();
        long empty = store.catalogVersion();
        store.apply(1, node("n1", "10.0.0.1"));
        long one = store.catalogVersion();
        assertThat(one).isNotEqualTo(empty);
        store.apply(2, new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "k", 0, new byte[] {1}, null, 0, 0)));
        assertThat(store.catalogVersion()).isEqualTo(one);
        store.apply(3, node("n2", "10.0.0.2"));
        assertThat(store.catalogVersion()).isNotEqualTo(one);
    }

    @Test
    void aSnapshotRestoreMovesTheVersionEvenWhenIndexesRepeat() throws Exception {
        StateStore store = new StateStore();
        store.apply(1, node("n1", "10.0.0.1"));
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        store.writeSnapshot(snapshot);
        long before = store.catalogVersion();
        // The restored tables carry the same indexes as the live ones: the version must still move.
        store.restoreSnapshot(new ByteArrayInputStream(snapshot.toByteArray()));
        assertThat(store.catalogVersion()).isNotEqualTo(before);
    }
}
