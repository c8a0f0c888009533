package dev.proconsul.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PersistentSortedMapTest {

    @Test
    void behavesLikeTreeMapAndOldVersionsStayIntact() {
        Random rnd = new Random(42);
        TreeMap<String, Integer> model = new TreeMap<>();
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.empty();
        List<PersistentSortedMap<String, Integer>> versions = new ArrayList<>();
        List<TreeMap<String, Integer>> models = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String k = "k" + rnd.nextInt(500);
            if (rnd.nextInt(3) == 0) {
                model.remove(k);
                map = map.remove(k);
            } else {
                model.put(k, i);
                map = map.put(k, i);
            }
            if (i % 500 == 0) {
                versions.add(map);
                models.add(new TreeMap<>(model));
            }
        }
        assertThat(toTreeMap(map)).isEqualTo(model);
        assertThat(map.size()).isEqualTo(model.size());
        for (int v = 0; v < versions.size(); v++) {
            assertThat(toTreeMap(versions.get(v))).isEqualTo(models.get(v));
        }
    }

    @Test
    void iteratesFromAKeyInOrder() {
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.empty();
        for (String k : List.of("a", "b/1", "b/2", "b0", "c")) {
            map = map.put(k, 1);
        }
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Integer> e : Keys.withPrefix(map, "b/")) {
            keys.add(e.getKey());
        }
        assertThat(keys).containsExactly("b/1", "b/2");
        Iterator<Map.Entry<String, Integer>> it = map.from("b1");
        assertThat(it.next().getKey()).isEqualTo("c");
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void unchangedWritesReturnTheSameMap() {
        Integer one = 1;
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.<String, Integer>empty().put("a", one);
        assertThat(map.put("a", one)).isSameAs(map);
        assertThat(map.remove("zzz")).isSameAs(map);
    }

    private static TreeMap<String, Integer> toTreeMap(PersistentSortedMap<String, Integer> m) {
        TreeMap<String, Integer> out = new TreeMap<>();
        for (Map.Entry<String, Integer> e : m) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
