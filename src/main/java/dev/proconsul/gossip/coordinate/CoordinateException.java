package dev.proconsul.gossip.coordinate;

/** A coordinate or observation the client refuses (incompatible, non-finite, RTT out of range, bad payload). */
public final class CoordinateException extends Exception {
    public CoordinateException(String message) {
        super(message);
    }
}
