package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * A KV pair; Jackson writes {@code value} as base64 like Consul, and null when the key has no value. Consul omits
 * {@code Session} unless the key is locked. Equality and hashing compare the value's bytes (a record alone would
 * compare the array's identity).
 */
public record KVEntry(
        @JsonProperty("LockIndex") long lockIndex,
        @JsonProperty("Key") String key,
        @JsonProperty("Flags") long flags,
        @JsonProperty("Value") byte[] value,
        @JsonProperty("Session") @JsonInclude(JsonInclude.Include.NON_EMPTY) String session,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    @Override
    public boolean equals(Object o) {
        return o instanceof KVEntry e && lockIndex == e.lockIndex && flags == e.flags
                && createIndex == e.createIndex && modifyIndex == e.modifyIndex && Objects.equals(key, e.key)
                && Arrays.equals(value, e.value) && Objects.equals(session, e.session);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lockIndex, key, flags, Arrays.hashCode(value), session, createIndex, modifyIndex);
    }

    /** The value as its length, not its bytes: values reach 512 KiB and may be secrets. */
    @Override
    public String toString() {
        return "KVEntry[key=" + key + ", flags=" + flags + ", value=" + (value == null ? "null" : value.length
                + " bytes") + ", session=" + session + ", lockIndex=" + lockIndex + ", createIndex=" + createIndex
                + ", modifyIndex=" + modifyIndex + "]";
    }
}
