package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Readers running alongside the apply thread only ever see whole commands. */
class ConcurrentReadTest {

    @Test
    void readersNeverSeeATornWrite() throws Exception {
        StateStore store = new StateStore();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    check(store.checkServiceNodes("web", null), problems);
                    // Keys are set one command at a time (a, b, c) and removed by one tree delete, so a reader
                    // may see [], [a], [a, b] or [a, b, c]; a torn delete would show [b, c] or [c].
                    List<String> keys = store.kvList("gen/", null).value().stream().map(KVEntry::key).toList();
                    if (!List.of("gen/a", "gen/b", "gen/c").subList(0, keys.size()).equals(keys)) {
                        problems.add("torn tree delete: saw " + keys);
                    }
                }
            }));
        }
        long index = 1;
        for (int gen = 1; gen <= 3000; gen++) {
            String g = Integer.toString(gen);
            // One command changes the node, its service and its check together.
            store.apply(++index, new RegisterRequest("dc1", null, "n1", "10.0.0.1", null, Map.of("gen", g),
                    service("web1", "web", gen), null,
                    List.of(new HealthCheck(null, "c", "c", "passing", null, g, "web1", null, null, null, null, null,
                            null, 0, 0)), false));
            if (gen % 10 == 0) {
                for (String k : List.of("gen/a", "gen/b", "gen/c")) {
                    store.apply(++index, set(k, g));
                }
            } else if (gen % 10 == 5) {
                store.apply(++index, kv(dev.proconsul.structs.KVRequest.Verb.DELETE_TREE, "gen/", null, 0));
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(problems).isEmpty();
    }

    private static void check(Indexed<List<CheckServiceNode>> read, ConcurrentLinkedQueue<String> problems) {
        for (CheckServiceNode row : read.value()) {
            NodeService svc = row.service();
            String gen = row.node().meta().get("gen");
            String port = Integer.toString(svc.port());
            String output = row.checks().get(0).output();
            if (!gen.equals(port) || !gen.equals(output)) {
                problems.add("torn: node gen " + gen + ", port " + port + ", check output " + output);
            }
            if (read.index() != svc.modifyIndex()) {
                problems.add("index " + read.index() + " but service modified at " + svc.modifyIndex());
            }
        }
    }
}
