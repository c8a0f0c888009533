package dev.proconsul.gossip.serf;

import java.util.Locale;

/** A Serf member's status; {@link #label()} is how Consul prints it (members CLI, /v1/agent/members Status codes). */
public enum MemberStatus {
    NONE, ALIVE, LEAVING, LEFT, FAILED;

    /** The lower-case word the members CLI prints: alive, leaving, left, failed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The numeric code /v1/agent/members reports in {@code Status} (serf.MemberStatus values). */
    public int code() {
        return ordinal();
    }
}
