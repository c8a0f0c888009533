package dev.proconsul.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.TxnResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnResultsTest {
    /** A result forwarded between servers arrives as generic JSON; it must come back whole, values included. */
    @Test
    void convertsAForwardedResultBack() throws Exception {
        TxnResponse original = new TxnResponse(List.of(new TxnResponse.Result(
                new KVEntry(2, "k", 3, new byte[] {0, 1, (byte) 0xFF}, "s", 4, 5), null, null, null)), null);
        ObjectMapper json = new ObjectMapper();
        Object generic = json.readValue(json.writeValueAsBytes(original), Object.class);

        TxnResponse back = TxnResults.of(generic);

        assertThat(back).usingRecursiveComparison().isEqualTo(original);
        assertThat(TxnResults.of(original)).isSameAs(original);
    }
}
