package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One operation of a transaction, in the shape of Consul's /v1/txn body: exactly one of the four fields is set.
 * Verbs are plain strings so that an unknown verb reaches the store and is reported per operation, as Consul does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TxnOp(@JsonProperty("KV") KV kv,
                    @JsonProperty("Node") NodeOp node,
                    @JsonProperty("Service") ServiceOp service,
                    @JsonProperty("Check") CheckOp check) {

    /** A KV operation; {@code index} is the ModifyIndex for cas, delete-cas and check-index. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KV(@JsonProperty("Verb") String verb,
                     @JsonProperty("Key") String key,
                     @JsonProperty("Value") byte[] value,
                     @JsonProperty("Flags") long flags,
                     @JsonProperty("Index") long index,
                     @JsonProperty("Session") String session) {
    }

    public record NodeOp(@JsonProperty("Verb") String verb, @JsonProperty("Node") Node node) {
    }

    public record ServiceOp(@JsonProperty("Verb") String verb, @JsonProperty("Node") String node,
                            @JsonProperty("Service") NodeService service) {
    }

    public record CheckOp(@JsonProperty("Verb") String verb, @JsonProperty("Check") HealthCheck check) {
    }

    /** True unless the operation only reads (get, get-tree and the check-* verbs). */
    public boolean writes() {
        if (kv != null) {
            return kv.verb() == null || switch (kv.verb()) {
                case "get", "get-tree", "check-index", "check-session", "check-not-exists" -> false;
                default -> true;
            };
        }
        String verb = node != null ? node.verb() : service != null ? service.verb() : check != null ? check.verb() : null;
        return !"get".equals(verb);
    }
}
