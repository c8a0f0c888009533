package dev.proconsul.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnswerOrderTest {
    private static List<Integer> ordered(long seed, int variant, int n) {
        List<Integer> items = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        AnswerOrder.variant(seed, variant).shuffle(items);
        return items;
    }

    @Test
    void smallListsGetEveryOrderOnce() {
        for (int n = 1; n <= AnswerOrder.EXHAUSTIVE_UP_TO; n++) {
            int variants = AnswerOrder.variantsFor(n);
            Set<List<Integer>> seen = new HashSet<>();
            for (int v = 0; v < variants; v++) {
                seen.add(ordered(42, v, n));
            }
            assertThat(seen).as("n=%d", n).hasSize(variants);
            assertThat(variants).isEqualTo(n == 1 ? 1 : n == 2 ? 2 : 6);
        }
    }

    @Test
    void largerListsPutEveryItemFirstEquallyOften() {
        for (int n : new int[] {4, 8, AnswerOrder.MAX_VARIANTS}) {
            int variants = AnswerOrder.variantsFor(n);
            assertThat(variants).isEqualTo(n);
            Set<Integer> firsts = new HashSet<>();
            for (int v = 0; v < variants; v++) {
                List<Integer> order = ordered(7, v, n);
                assertThat(order).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
                firsts.add(order.get(0));
            }
            assertThat(firsts).as("n=%d", n).hasSize(n);
        }
    }

    @Test
    void aVariantIsDeterministicAndSeedsDiffer() {
        assertThat(ordered(1, 3, 10)).isEqualTo(ordered(1, 3, 10));
        Set<List<Integer>> bases = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            bases.add(ordered(seed, 0, 10));
        }
        assertThat(bases).hasSizeGreaterThan(1);
    }

    @Test
    void theFirstListDecidesHowManyVariants() {
        AnswerOrder.Variant v = AnswerOrder.variant(0, 0);
        v.shuffle(new ArrayList<>(List.of(1, 2, 3, 4, 5)));
        v.shuffle(new ArrayList<>(List.of(1, 2)));
        assertThat(v.firstSize()).isEqualTo(5);
    }
}
