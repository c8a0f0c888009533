package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.KVRequest.Verb;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KVStateTest {
    private final StateStore store = new StateStore();

    @Test
    void setCreatesThenUpdatesKeepingCreateIndex() {
        assertThat(store.apply(10, set("a/b", "1")).flag()).isTrue();
        store.apply(11, set("a/b", "2"));
        var got = store.kvGet("a/b", null);
        assertThat(str(got.value())).isEqualTo("2");
        assertThat(got.value().createIndex()).isEqualTo(10);
        assertThat(got.value().modifyIndex()).isEqualTo(11);
        assertThat(got.index()).isEqualTo(11);
    }

    @Test
    void settingTheSameValueDoesNotBumpTheIndex() {
        store.apply(10, set("k", "v"));
        store.apply(11, set("k", "v"));
        assertThat(store.kvGet("k", null).value().modifyIndex()).isEqualTo(10);
        assertThat(store.kvList("", null).index()).isEqualTo(10);
        store.apply(12, new KVRequest(Verb.SET, new KVEntry(0, "k", 7, bytes("v"), null, 0, 0)));
        assertThat(store.kvGet("k", null).value().flags()).isEqualTo(7);
        assertThat(store.kvGet("k", null).value().modifyIndex()).isEqualTo(12);
    }

    /** Consul's store holds nil for an empty value, and its DirEntry.Equal treats nil and empty bytes alike. */
    @Test
    void anEmptyValueIsStoredAsNull() {
        store.apply(10, set("null", null));
        store.apply(11, set("empty", ""));
        assertThat(store.kvGet("null", null).value().value()).isNull();
        assertThat(store.kvGet("empty", null).value().value()).isNull();
        // Changing null to empty is no change: the entry keeps its ModifyIndex.
        store.apply(12, set("null", ""));
        assertThat(store.kvGet("null", null).value().modifyIndex()).isEqualTo(10);
    }

    /** (existing ModifyIndex or none, CAS index) → succeeded? */
    static Stream<Arguments> casCases() {
        return Stream.of(
                Arguments.of("absent, cas=0 creates", false, 0L, true),
                Arguments.of("absent, cas=5 fails", false, 5L, false),
                Arguments.of("present, cas=0 fails", true, 0L, false),
                Arguments.of("present, cas=current succeeds", true, 10L, true),
                Arguments.of("present, cas=stale fails", true, 9L, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casCases")
    void cas(String what, boolean present, long casIndex, boolean ok) {
        if (present) {
            store.apply(10, set("k", "old"));
        } else {
            store.apply(10, set("other", "x"));
        }
        ApplyResult r = store.apply(20, kv(Verb.CAS, "k", "new", casIndex));
        assertThat(r.flag()).isEqualTo(ok);
        KVEntry e = store.kvGet("k", null).value();
        if (ok) {
            assertThat(str(e)).isEqualTo("new");
            assertThat(e.modifyIndex()).isEqualTo(20);
        } else {
            assertThat(e == null ? null : e.modifyIndex()).isEqualTo(present ? 10L : null);
        }
    }

    @ParameterizedTest(name = "delete-cas with index {0} → {1}")
    @MethodSource("deleteCasCases")
    void deleteCas(long casIndex, boolean ok, boolean remains) {
        store.apply(10, set("k", "v"));
        ApplyResult r = store.apply(11, kv(Verb.DELETE_CAS, "k", null, casIndex));
        assertThat(r.flag()).isEqualTo(ok);
        assertThat(store.kvGet("k", null).value() != null).isEqualTo(remains);
    }

    static Stream<Arguments> deleteCasCases() {
        return Stream.of(Arguments.of(10L, true, false), Arguments.of(9L, false, true), Arguments.of(0L, false, true));
    }

    @Test
    void deleteCasOfAnAbsentKeySucceedsWithoutChange() {
        store.apply(10, set("x", "1"));
        assertThat(store.apply(11, kv(Verb.DELETE_CAS, "k", null, 3)).flag()).isTrue();
        assertThat(store.kvList("", null).index()).isEqualTo(10);
    }

    @Test
    void deleteLeavesATombstoneThatKeepsPrefixIndexes() {
        store.apply(10, set("app/a", "1"));
        store.apply(11, set("app/b", "2"));
        store.apply(12, set("other", "3"));
        store.apply(13, delete("app/b"));
        assertThat(store.kvGet("app/b", null).value()).isNull();
        // Absent key: index of the kvs+tombstones tables.
        assertThat(store.kvGet("app/b", null).index()).isEqualTo(13);
        // The prefix index includes the delete even though no remaining entry has it.
        assertThat(store.kvList("app/", null).index()).isEqualTo(13);
        assertThat(store.kvKeys("app/", "", null).index()).isEqualTo(13);
        // Unrelated prefix is unaffected.
        assertThat(store.kvList("other", null).index()).isEqualTo(12);
        // Deleting an absent key changes nothing.
        store.apply(14, delete("nope"));
        assertThat(store.kvList("", null).index()).isEqualTo(13);
        // Reaping the tombstone: the empty-prefix read falls back to the table index.
        store.reapTombstones(15, 13);
        assertThat(store.kvList("app/", null).index()).isEqualTo(10);
        store.apply(16, delete("app/a"));
        store.reapTombstones(17, 16);
        assertThat(store.kvList("app/", null).value()).isEmpty();
        assertThat(store.kvList("app/", null).index()).isEqualTo(16);
    }

    @Test
    void deleteTreeRemovesThePrefixOnly() {
        store.apply(10, set("a/1", "x"));
        store.apply(11, set("a/2/3", "x"));
        store.apply(12, set("ab", "x"));
        store.apply(13, kv(Verb.DELETE_TREE, "a/", null, 0));
        assertThat(store.kvKeys("", "", null).value()).containsExactly("ab");
        assertThat(store.kvList("a/", null).index()).isEqualTo(13);
        assertThat(store.kvGet("ab", null).index()).isEqualTo(12);
        // Nothing under the prefix: no change at all.
        store.apply(14, kv(Verb.DELETE_TREE, "zzz/", null, 0));
        assertThat(store.kvList("", null).index()).isEqualTo(13);
    }

    @Test
    void listAndKeysWithSeparatorRollUp() {
        List<String> keys = List.of("web/conf", "web/a/1", "web/a/2", "web/b/1", "web/c", "webby", "x");
        long i = 10;
        for (String k : keys) {
            store.apply(i++, set(k, k));
        }
        assertThat(store.kvKeys("web/", "/", null).value()).containsExactly("web/a/", "web/b/", "web/c", "web/conf");
        assertThat(store.kvKeys("web", "/", null).value()).containsExactly("web/", "webby");
        assertThat(store.kvKeys("", "/", null).value()).containsExactly("web/", "webby", "x");
        assertThat(store.kvKeys("web/", "", null).value()).hasSize(5);
        assertThat(store.kvList("web/a/", null).value()).extracting(KVEntry::key).containsExactly("web/a/1", "web/a/2");
        assertThat(store.kvList("web/a/", null).index()).isEqualTo(12);
        assertThat(store.kvList("", null).index()).isEqualTo(16);
        assertThat(store.kvList("nothing/", null).index()).isEqualTo(16);
    }

    @Test
    void lockNeedsASessionAndUnlockNeedsTheHolder() {
        store.apply(10, set("k", "v"));
        ApplyResult noSession = store.apply(11, kv(Verb.LOCK, "k", "v", 0));
        assertThat(noSession.error()).isEqualTo("missing session");
        ApplyResult unknown = store.apply(12, new KVRequest(Verb.LOCK,
                new KVEntry(0, "k", 0, bytes("v"), "5e7e0000-0000-0000-0000-000000000000", 0, 0)));
        assertThat(unknown.error()).isEqualTo("invalid session \"5e7e0000-0000-0000-0000-000000000000\"");
        ApplyResult unlock = store.apply(13, new KVRequest(Verb.UNLOCK,
                new KVEntry(0, "k", 0, bytes("v"), "5e7e0000-0000-0000-0000-000000000000", 0, 0)));
        assertThat(unlock.flag()).isFalse();
        assertThat(store.kvGet("k", null).value().modifyIndex()).isEqualTo(10);
    }

    @Test
    void storedValuesAreIsolatedFromTheCallersArray() {
        byte[] mine = bytes("abc");
        store.apply(10, new KVRequest(Verb.SET, new KVEntry(0, "k", 0, mine, null, 0, 0)));
        mine[0] = 'X';
        assertThat(str(store.kvGet("k", null).value())).isEqualTo("abc");
    }
}
