package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A user event as Consul's {@code /v1/event} endpoints show it. {@code payload} is opaque bytes (base64 in JSON,
 * {@code null} when there is none); the filters are Go regular expressions matched against the receiving agent's
 * node name, its services' names and their tags (empty = no filter).
 *
 * @param id      a random UUID, assigned when the event is fired
 * @param version the user-event protocol version (1)
 * @param lTime   the Lamport time at which the firing agent sent it
 */
@JsonPropertyOrder({"ID", "Name", "Payload", "NodeFilter", "ServiceFilter", "TagFilter", "Version", "LTime"})
public record UserEvent(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Payload") byte[] payload,
        @JsonProperty("NodeFilter") String nodeFilter,
        @JsonProperty("ServiceFilter") String serviceFilter,
        @JsonProperty("TagFilter") String tagFilter,
        @JsonProperty("Version") int version,
        @JsonProperty("LTime") long lTime) {

    /** The protocol version this build writes and fully understands. */
    public static final int VERSION = 1;

    public UserEvent {
        nodeFilter = nodeFilter == null ? "" : nodeFilter;
        serviceFilter = serviceFilter == null ? "" : serviceFilter;
        tagFilter = tagFilter == null ? "" : tagFilter;
    }

    /** What a caller asks to fire: no ID, version or time yet. */
    public static UserEvent request(String name, byte[] payload, String nodeFilter, String serviceFilter,
                                    String tagFilter) {
        return new UserEvent(null, name, payload, nodeFilter, serviceFilter, tagFilter, 0, 0);
    }

    /** This event as sent: with its ID, the protocol version and the sender's Lamport time. */
    public UserEvent stamped(String newId, long lamportTime) {
        return new UserEvent(newId, name, payload, nodeFilter, serviceFilter, tagFilter, VERSION, lamportTime);
    }

    /**
     * Consul's blocking index for an event list: the event ID's 128 bits folded to 64 by XOR-ing the high half into
     * the low half (so the index is not monotonic; blocking compares it for equality only).
     */
    public static long indexOf(String uuid) {
        String hex = uuid.replace("-", "");
        if (hex.length() != 32) {
            throw new IllegalArgumentException("not a UUID: " + uuid);
        }
        return Long.parseUnsignedLong(hex.substring(0, 16), 16) ^ Long.parseUnsignedLong(hex.substring(16), 16);
    }
}
