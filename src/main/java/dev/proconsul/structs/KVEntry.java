package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A KV pair; Jackson writes {@code value} as base64 like Consul, and null when the key has no value. */
public record KVEntry(
        @JsonProperty("LockIndex") long lockIndex,
        @JsonProperty("Key") String key,
        @JsonProperty("Flags") long flags,
        @JsonProperty("Value") byte[] value,
        @JsonProperty("Session") String session,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {
}
