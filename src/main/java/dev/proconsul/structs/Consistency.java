package dev.proconsul.structs;

/** Consul's read consistency modes; {@link #headerValue()} is what X-Consul-Effective-Consistency reports. */
public enum Consistency {
    /** The leader answers from its own store (no quorum round). */
    DEFAULT("leader"),
    /** Any server answers from its replica, possibly behind; see X-Consul-LastContact. */
    STALE("stale"),
    /** The leader confirms it is still leader (read index) before answering. */
    CONSISTENT("consistent");

    private final String headerValue;

    Consistency(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }
}
