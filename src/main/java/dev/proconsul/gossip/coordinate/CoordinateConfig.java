package dev.proconsul.gossip.coordinate;

import dev.proconsul.structs.Coordinate;

/**
 * Tuning of the Vivaldi algorithm, with Serf's defaults (which Consul uses for the LAN and WAN pools).
 *
 * @param dimensionality       vector size; must match between nodes for their coordinates to compare
 * @param vivaldiErrorMax      the error a node starts with and never exceeds
 * @param vivaldiCE            how fast the error estimate moves towards the observed relative error
 * @param vivaldiCC            how far one observation moves the coordinate (scaled by relative confidence)
 * @param adjustmentWindowSize how many recent RTT residuals feed the adjustment term (0 = no adjustment)
 * @param heightMin            the smallest height (seconds), so two nodes are never estimated at zero distance
 * @param latencyFilterSize    RTT samples per peer whose median is used (filters out single slow probes)
 * @param gravityRho           pull towards the origin, so the whole coordinate set does not drift away (seconds)
 */
public record CoordinateConfig(int dimensionality, double vivaldiErrorMax, double vivaldiCE, double vivaldiCC,
                               int adjustmentWindowSize, double heightMin, int latencyFilterSize,
                               double gravityRho) {

    public static final CoordinateConfig DEFAULT = new CoordinateConfig(Coordinate.DEFAULT_DIMENSIONALITY,
            Coordinate.DEFAULT_ERROR_MAX, 0.25, 0.25, 20, Coordinate.DEFAULT_HEIGHT_MIN, 3, 150.0);

    public CoordinateConfig {
        if (dimensionality <= 0) {
            throw new IllegalArgumentException("dimensionality must be > 0");
        }
        if (adjustmentWindowSize < 0 || latencyFilterSize <= 0) {
            throw new IllegalArgumentException("adjustment window must be >= 0 and latency filter size > 0");
        }
    }

    /** The coordinate a node starts from (and falls back to when its own became invalid). */
    public Coordinate origin() {
        return Coordinate.origin(dimensionality, vivaldiErrorMax, heightMin);
    }
}
