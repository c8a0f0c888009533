package dev.proconsul.gossip.coordinate;

import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.GoDuration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * One node's Vivaldi coordinate, maintained as Serf's coordinate client does: each RTT observed to a peer (median
 * of the last few samples for that peer) moves our coordinate along the line to the peer's by a step scaled by how
 * confident each side is; an adjustment term absorbs the residual error the Euclidean model can't express; a weak
 * gravity keeps the coordinate set near the origin. Thread-safe.
 */
public final class CoordinateClient {
    /** Serf refuses RTTs outside (0, 10 s]: longer ones are not network latency. */
    static final Duration MAX_RTT = Duration.ofSeconds(10);

    private final CoordinateConfig config;
    private final Coordinate origin;
    private final DoubleSupplier random;
    private final double[] adjustmentSamples;
    private final Map<String, Deque<Double>> latencySamples = new HashMap<>();
    private int adjustmentIndex;
    private Coordinate coord;
    private long resets;

    public CoordinateClient() {
        this(CoordinateConfig.DEFAULT);
    }

    public CoordinateClient(CoordinateConfig config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random source of [0,1) doubles for the direction between coincident points (tests fix it) */
    CoordinateClient(CoordinateConfig config, DoubleSupplier random) {
        this.config = config;
        this.origin = config.origin();
        this.coord = origin;
        this.random = random;
        this.adjustmentSamples = new double[config.adjustmentWindowSize()];
    }

    public CoordinateConfig config() {
        return config;
    }

    /** Our current coordinate (an immutable value). */
    public synchronized Coordinate coordinate() {
        return coord;
    }

    /** Replaces our coordinate (e.g. with one saved before a restart). */
    public synchronized void setCoordinate(Coordinate c) throws CoordinateException {
        check(c);
        coord = c;
    }

    /** Forgets the RTT samples of a peer that left. */
    public synchronized void forgetNode(String node) {
        latencySamples.remove(node);
    }

    /** How many times our coordinate went invalid (NaN/Inf) and was reset to the origin. */
    public synchronized long resets() {
        return resets;
    }

    /** Estimated RTT from us to {@code other}. */
    public synchronized Duration distanceTo(Coordinate other) {
        return coord.distanceTo(other);
    }

    /**
     * Folds in one observation: {@code rtt} measured to {@code node}, whose coordinate is {@code other}.
     *
     * @return our coordinate afterwards
     * @throws CoordinateException when {@code other} is incompatible or invalid, or the RTT is not in (0, 10s]
     */
    public synchronized Coordinate update(String node, Coordinate other, Duration rtt) throws CoordinateException {
        check(other);
        if (rtt == null || rtt.isNegative() || rtt.isZero() || rtt.compareTo(MAX_RTT) > 0) {
            throw new CoordinateException("round trip time not in valid range, duration "
                    + (rtt == null ? "0s" : GoDuration.format(rtt)) + " is not a positive value less than "
                    + GoDuration.format(MAX_RTT));
        }
        double rttSeconds = latencyFilter(node, rtt.toNanos() / 1.0e9);
        updateVivaldi(other, rttSeconds);
        updateAdjustment(other, rttSeconds);
        updateGravity();
        if (!coord.isValid()) {
            resets++;
            coord = origin;
        }
        return coord;
    }

    private void check(Coordinate c) throws CoordinateException {
        if (c == null || !coord.isCompatibleWith(c)) {
            throw new CoordinateException("dimensions aren't compatible");
        }
        if (!c.isValid()) {
            throw new CoordinateException("coordinate is invalid");
        }
    }

    /** Median of the last few RTTs to this peer: one slow probe doesn't yank the coordinate. */
    private double latencyFilter(String node, double rttSeconds) {
        Deque<Double> samples = latencySamples.computeIfAbsent(node, k -> new ArrayDeque<>());
        samples.addLast(rttSeconds);
        while (samples.size() > config.latencyFilterSize()) {
            samples.removeFirst();
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void updateVivaldi(Coordinate other, double rttSeconds) {
        double rtt = Math.max(rttSeconds, Vectors.ZERO_THRESHOLD);
        double dist = coord.distanceTo(other).toNanos() / 1.0e9;
        double wrongness = Math.abs(dist - rtt) / rtt;
        double totalError = Math.max(coord.error() + other.error(), Vectors.ZERO_THRESHOLD);
        double weight = coord.error() / totalError;
        double error = config.vivaldiCE() * weight * wrongness + coord.error() * (1.0 - config.vivaldiCE() * weight);
        error = Math.min(error, config.vivaldiErrorMax());
        double force = config.vivaldiCC() * weight * (rtt - dist);
        coord = applyForce(new Coordinate(coord.vec(), error, coord.adjustment(), coord.height()), force, other);
    }

    private void updateAdjustment(Coordinate other, double rttSeconds) {
        if (adjustmentSamples.length == 0) {
            return;
        }
        adjustmentSamples[adjustmentIndex] = rttSeconds - coord.rawDistanceTo(other);
        adjustmentIndex = (adjustmentIndex + 1) % adjustmentSamples.length;
        double sum = 0.0;
        for (double s : adjustmentSamples) {
            sum += s;
        }
        coord = new Coordinate(coord.vec(), coord.error(), sum / (2.0 * adjustmentSamples.length), coord.height());
    }

    private void updateGravity() {
        double dist = origin.distanceTo(coord).toNanos() / 1.0e9;
        double force = -1.0 * Math.pow(dist / config.gravityRho(), 2.0);
        coord = applyForce(coord, force, origin);
    }

    /** Moves {@code c} by {@code force} along the line from {@code other}; the height takes its share too. */
    private Coordinate applyForce(Coordinate c, double force, Coordinate other) {
        Vectors.UnitAndMagnitude u = Vectors.unitVectorAt(c.vec(), other.vec(), random);
        double[] vec = Vectors.add(c.vec(), Vectors.scale(u.unit(), force));
        double height = c.height();
        if (u.magnitude() > Vectors.ZERO_THRESHOLD) {
            height = (c.height() + other.height()) * force / u.magnitude() + c.height();
            height = Math.max(height, config.heightMin());
        }
        return new Coordinate(vec, c.error(), c.adjustment(), height);
    }
}
