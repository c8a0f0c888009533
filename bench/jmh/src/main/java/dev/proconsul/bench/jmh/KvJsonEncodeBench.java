package dev.proconsul.bench.jmh;

import dev.proconsul.structs.KVEntry;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
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
 * JSON encoding of a KV read as the HTTP layer answers it ({@code [ {...} ]}, value in base64), through the
 * product's own codec ({@code dev.proconsul.http.JsonCodec.write}, package-private, reached by reflection so the
 * benchmark measures exactly what GET /v1/kv/&lt;key&gt; runs). {@code entries} = 1 is a key read, 100 a recurse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KvJsonEncodeBench {
    @Param({"1", "100"})
    int entries;

    private MethodHandle write;
    private List<KVEntry> reply;

    @Setup
    public void setUp() throws Exception {
        write = JsonCodecHandle.write();
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        reply = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            reply.add(new KVEntry(0, String.format("kv%014d", i), 0, value, null, 10 + i, 20 + i));
        }
    }

    @Benchmark
    public byte[] encodeKvRead() throws Throwable {
        return (byte[]) write.invokeExact((Object) reply, false);
    }
}
