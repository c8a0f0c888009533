package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Arrays;

/**
 * A Vivaldi network coordinate as Serf's coordinate package defines it (and Consul's API shows it): a point in a
 * Euclidean space ({@code Vec}, in seconds), a height above it modelling the access link, an adjustment learned
 * from recent RTT errors, and the node's confidence ({@code Error}). Lives here rather than in gossip because the
 * state store and the server's {@code ?near=} sorting read coordinates too; the Vivaldi updates are in
 * {@code gossip.coordinate}.
 */
@JsonPropertyOrder({"Vec", "Error", "Adjustment", "Height"})
public record Coordinate(
        @JsonProperty("Vec") double[] vec,
        @JsonProperty("Error") double error,
        @JsonProperty("Adjustment") double adjustment,
        @JsonProperty("Height") double height) {

    /** Serf's defaults, which Consul uses for both pools. */
    public static final int DEFAULT_DIMENSIONALITY = 8;
    public static final double DEFAULT_ERROR_MAX = 1.5;
    public static final double DEFAULT_HEIGHT_MIN = 10.0e-6;

    private static final double SECONDS_TO_NANOS = 1.0e9;

    public Coordinate {
        vec = vec == null ? new double[0] : vec.clone();
    }

    /** What a node starts from: the origin, with the largest error and the smallest height. */
    public static Coordinate origin(int dimensionality, double errorMax, double heightMin) {
        return new Coordinate(new double[dimensionality], errorMax, 0.0, heightMin);
    }

    /** The origin with Serf's default settings (what a lone Consul node reports). */
    public static Coordinate origin() {
        return origin(DEFAULT_DIMENSIONALITY, DEFAULT_ERROR_MAX, DEFAULT_HEIGHT_MIN);
    }

    @Override
    public double[] vec() {
        return vec.clone();
    }

    @JsonIgnore
    public int dimensionality() {
        return vec.length;
    }

    /** Every component is a finite number (no NaN, no infinity). */
    @JsonIgnore
    public boolean isValid() {
        for (double v : vec) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return Double.isFinite(error) && Double.isFinite(adjustment) && Double.isFinite(height);
    }

    /** Coordinates of different dimensionality cannot be compared. */
    public boolean isCompatibleWith(Coordinate other) {
        return other != null && vec.length == other.vec.length;
    }

    /**
     * Estimated round trip time to {@code other}: the Euclidean distance plus both heights, corrected by both
     * adjustments unless the correction would make it non-positive. Truncated to whole nanoseconds, as a Go
     * {@code time.Duration} is.
     */
    public Duration distanceTo(Coordinate other) {
        return Duration.ofNanos((long) (distanceSeconds(other) * SECONDS_TO_NANOS));
    }

    /** {@link #distanceTo} in (fractional) seconds. */
    public double distanceSeconds(Coordinate other) {
        double dist = rawDistanceTo(other);
        double adjusted = dist + adjustment + other.adjustment;
        return adjusted > 0.0 ? adjusted : dist;
    }

    /** Distance without the adjustment terms (seconds). */
    public double rawDistanceTo(Coordinate other) {
        checkCompatible(other);
        double sum = 0.0;
        for (int i = 0; i < vec.length; i++) {
            double d = vec[i] - other.vec[i];
            sum += d * d;
        }
        return Math.sqrt(sum) + height + other.height;
    }

    /** The vector component at {@code i}, without copying. */
    public double component(int i) {
        return vec[i];
    }

    private void checkCompatible(Coordinate other) {
        if (!isCompatibleWith(other)) {
            throw new IllegalArgumentException("coordinate dimensionality does not match");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coordinate c && Arrays.equals(vec, c.vec)
                && Double.compare(error, c.error) == 0 && Double.compare(adjustment, c.adjustment) == 0
                && Double.compare(height, c.height) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(vec) + Double.hashCode(error) + 7 * Double.hashCode(adjustment)
                + 13 * Double.hashCode(height);
    }

    /** Shaped like Go's {@code %v} of Serf's coordinate, which Consul's "rejected bad coordinate" error prints. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("&{[");
        for (int i = 0; i < vec.length; i++) {
            sb.append(i == 0 ? "" : " ").append(GoFloat.format(vec[i]));
        }
        return sb.append("] ").append(GoFloat.format(error)).append(' ').append(GoFloat.format(adjustment))
                .append(' ').append(GoFloat.format(height)).append('}').toString();
    }
}
