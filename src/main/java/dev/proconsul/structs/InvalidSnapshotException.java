package dev.proconsul.structs;

import java.io.IOException;

/** A snapshot archive that cannot be restored: truncated, corrupt, tampered with, or of an unknown format. */
public final class InvalidSnapshotException extends IOException {
    public InvalidSnapshotException(String message) {
        super(message);
    }

    public InvalidSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
