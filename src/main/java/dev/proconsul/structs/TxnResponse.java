package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What /v1/txn answers: the results of a transaction that applied (Errors null), or the errors of one that was
 * rolled back (Results null).
 */
public record TxnResponse(@JsonProperty("Results") List<Result> results,
                          @JsonProperty("Errors") List<Error> errors) {

    /** One result; exactly one field is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(@JsonProperty("KV") KVEntry kv,
                         @JsonProperty("Node") Node node,
                         @JsonProperty("Service") NodeService service,
                         @JsonProperty("Check") HealthCheck check) {
    }

    /** Why operation number {@code opIndex} (0-based) failed. */
    public record Error(@JsonProperty("OpIndex") int opIndex, @JsonProperty("What") String what) {
    }

    public boolean failed() {
        return errors != null && !errors.isEmpty();
    }
}
