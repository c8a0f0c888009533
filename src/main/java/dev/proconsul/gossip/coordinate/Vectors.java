package dev.proconsul.gossip.coordinate;

import java.util.function.DoubleSupplier;

/** The small amount of vector arithmetic Vivaldi needs, on plain arrays. */
final class Vectors {
    /** Below this a distance counts as zero (Serf's threshold). */
    static final double ZERO_THRESHOLD = 1.0e-6;

    private Vectors() {
    }

    static double magnitude(double[] v) {
        double sum = 0.0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /**
     * The unit vector pointing from {@code to} towards {@code from}, and the distance between them. Two points on
     * top of each other get a random direction (so they can push apart) and distance 0.
     */
    static UnitAndMagnitude unitVectorAt(double[] from, double[] to, DoubleSupplier random) {
        double[] diff = new double[from.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = from[i] - to[i];
        }
        double mag = magnitude(diff);
        if (mag > ZERO_THRESHOLD) {
            return new UnitAndMagnitude(scale(diff, 1.0 / mag), mag);
        }
        for (int i = 0; i < diff.length; i++) {
            diff[i] = random.getAsDouble() - 0.5;
        }
        double randomMag = magnitude(diff);
        if (randomMag > ZERO_THRESHOLD) {
            return new UnitAndMagnitude(scale(diff, 1.0 / randomMag), 0.0);
        }
        double[] axis = new double[from.length];
        axis[0] = 1.0;
        return new UnitAndMagnitude(axis, 0.0);
    }

    static double[] scale(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    record UnitAndMagnitude(double[] unit, double magnitude) {
    }
}
