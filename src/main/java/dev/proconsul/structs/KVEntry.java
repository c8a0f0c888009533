package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A KV pair; Jackson writes {@code value} as base64 like Consul, and null when the key has no value. Consul omits
 * {@code Session} unless the key is locked.
 */
public record KVEntry(
        @JsonProperty("LockIndex") long lockIndex,
        @JsonProperty("Key") String key,
        @JsonProperty("Flags") long flags,
        @JsonProperty("Value") byte[] value,
        @JsonProperty("Session") @JsonInclude(JsonInclude.Include.NON_EMPTY) String session,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {
}
