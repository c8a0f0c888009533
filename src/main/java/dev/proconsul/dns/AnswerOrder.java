package dev.proconsul.dns;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How answers (service instances, name servers) are ordered in one reply. Consul shuffles them per query so that
 * clients taking the first answer spread their load. Uncached replies do exactly that ({@link #RANDOM}). A cached
 * answer instead holds a few renderings, and each query is given one of them picked at random; {@link #variant}
 * orders the lists of one rendering:
 * <ul>
 *   <li>up to {@link #EXHAUSTIVE_UP_TO} items: rendering {@code i} is the i-th of all n! orders, so a query sees
 *       every order with the same probability, exactly as with a per-query shuffle;</li>
 *   <li>more items: rendering {@code i} is a random base order (drawn anew whenever the catalog changes) rotated by
 *       i positions, over up to {@link #MAX_VARIANTS} renderings: every instance comes first, and at every other
 *       position, equally often (for n up to {@code MAX_VARIANTS}; beyond, n / MAX_VARIANTS apart), which is what
 *       load spreading needs; which instances share a truncated reply is less varied than with a full shuffle.</li>
 * </ul>
 * Why not shuffle cached records per query: re-encoding them is most of what the cache saves (name compression).
 */
abstract sealed class AnswerOrder {
    /** Lists this long or shorter get all their orders as variants (3! = 6). */
    static final int EXHAUSTIVE_UP_TO = 3;
    /** At most this many renderings of one cached answer. */
    static final int MAX_VARIANTS = 16;

    /**
     * Divisible by every {@link #variantsFor} result (lcm(1..16)): a random index below it, taken modulo the variant
     * count, picks each variant with the same probability whatever the list size turns out to be.
     */
    static final int ANY_VARIANT_BOUND = 720_720;

    /** A fresh random order per call, as Consul does. */
    static final AnswerOrder RANDOM = new Shuffled();

    abstract void shuffle(List<?> items);

    /** The {@code index}-th rendering's order of a cached answer whose base orders derive from {@code seed}. */
    static Variant variant(long seed, int index) {
        return new Variant(seed, index);
    }

    /** How many renderings a cached answer whose (first) shuffled list has {@code n} items gets. */
    static int variantsFor(int n) {
        if (n <= 1) {
            return 1;
        }
        if (n <= EXHAUSTIVE_UP_TO) {
            return factorial(n);
        }
        return Math.min(n, MAX_VARIANTS);
    }

    private static int factorial(int n) {
        int f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static final class Shuffled extends AnswerOrder {
        @Override
        void shuffle(List<?> items) {
            Collections.shuffle(items, ThreadLocalRandom.current());
        }
    }

    /** Deterministic for a given seed, index and input order (the catalog's sorted order). */
    static final class Variant extends AnswerOrder {
        private final long seed;
        private final int index;
        /** Size of the first list ordered, which decides how many variants the cached answer gets. */
        private int firstSize = -1;

        private Variant(long seed, int index) {
            this.seed = seed;
            this.index = index;
        }

        int firstSize() {
            return Math.max(firstSize, 0);
        }

        @Override
        void shuffle(List<?> items) {
            int n = items.size();
            if (firstSize < 0) {
                firstSize = n;
            }
            if (n <= 1) {
                return;
            }
            int variants = variantsFor(n);
            int v = index % variants;
            if (n <= EXHAUSTIVE_UP_TO) {
                permute(items, v);
                return;
            }
            Collections.shuffle(items, new Random(seed ^ n));
            Collections.rotate(items, -(int) ((long) v * n / variants));
        }

        /** The v-th permutation (factorial number system): digit k picks which remaining item goes next. */
        private static <T> void permute(List<T> items, int v) {
            int n = items.size();
            for (int k = 0; k < n - 1; k++) {
                int f = factorial(n - 1 - k);
                int pick = k + v / f;
                v %= f;
                if (pick != k) {
                    // move the picked item to position k, keeping the rest in order
                    items.add(k, items.remove(pick));
                }
            }
        }
    }
}
