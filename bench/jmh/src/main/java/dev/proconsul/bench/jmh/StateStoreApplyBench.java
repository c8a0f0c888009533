package dev.proconsul.bench.jmh;

import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state machine's share of a KV write: {@link StateStore#apply} of a set that changes a 256-byte value, in a
 * store already holding {@code keys} keys (persistent-map copy costs grow with it), with nobody watching.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateStoreApplyBench {
    @Param({"1000", "100000"})
    int keys;

    private StateStore store;
    private String[] names;
    private byte[][] values;
    private long index;
    private int next;

    @Setup
    public void setUp() {
        store = new StateStore();
        names = new String[keys];
        for (int i = 0; i < keys; i++) {
            names[i] = String.format("kv%014d", i);
        }
        values = new byte[][] {new byte[256], new byte[256]};
        values[1][0] = 1;
        for (int i = 0; i < keys; i++) {
            store.apply(++index, set(i, values[0]));
        }
    }

    private KVRequest set(int i, byte[] value) {
        return new KVRequest(KVRequest.Verb.SET, new KVEntry(0, names[i], 0, value, null, 0, 0));
    }

    /** Sets the next key to the other value, so every apply really writes. */
    @Benchmark
    public ApplyResult applyKvSet() {
        int i = next++ % keys;
        byte[] v = values[(next / keys) % 2 == 0 ? 1 : 0];
        return store.apply(++index, set(i, v));
    }
}
