package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.KVEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedJsonTest {
    private final SharedJson shared = new SharedJson();
    private final KVEntry a = new KVEntry(0, "wk/a", 0, "1".getBytes(StandardCharsets.UTF_8), null, 5, 7);
    private final KVEntry b = new KVEntry(0, "wk/b", 0, "2".getBytes(StandardCharsets.UTF_8), null, 6, 6);

    @Test
    void theSameRowsShareOneEncodingEqualToAFreshOne() throws Exception {
        byte[] first = shared.encode("prefix:wk/", List.of(a, b));
        byte[] second = shared.encode("prefix:wk/", List.of(a, b));

        assertThat(second).isSameAs(first);
        assertThat(new String(first, StandardCharsets.UTF_8))
                .isEqualTo(new String(JsonCodec.write(List.of(a, b), false), StandardCharsets.UTF_8));
    }

    @Test
    void aChangedRowIsEncodedAfresh() throws Exception {
        byte[] before = shared.encode("prefix:wk/", List.of(a, b));
        // Equal content but another row object: the store replaced the row, so the answer is rebuilt.
        KVEntry rewritten = new KVEntry(0, "wk/b", 0, "3".getBytes(StandardCharsets.UTF_8), null, 6, 8);
        byte[] after = shared.encode("prefix:wk/", List.of(a, rewritten));

        assertThat(after).isNotSameAs(before);
        assertThat(new String(after, StandardCharsets.UTF_8)).contains("\"ModifyIndex\":8").contains("\"Value\":\"Mw==\"");
    }

    @Test
    void readsDoNotShareEachOthersAnswers() throws Exception {
        byte[] one = shared.encode("key:wk/a", List.of(a));
        byte[] other = shared.encode("key:wk/b", List.of(b));

        assertThat(new String(one, StandardCharsets.UTF_8)).contains("wk/a").doesNotContain("wk/b");
        assertThat(new String(other, StandardCharsets.UTF_8)).contains("wk/b").doesNotContain("wk/a");
    }
}
