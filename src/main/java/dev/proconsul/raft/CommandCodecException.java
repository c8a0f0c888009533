package dev.proconsul.raft;

/** A Raft log entry's bytes are not a command this version can read (bad header, unknown version or type, bad body). */
public final class CommandCodecException extends IllegalArgumentException {
    public CommandCodecException(String message) {
        super(message);
    }

    public CommandCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
