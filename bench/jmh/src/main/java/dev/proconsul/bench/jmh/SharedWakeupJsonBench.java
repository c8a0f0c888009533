package dev.proconsul.bench.jmh;

import dev.proconsul.structs.KVEntry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One woken blocking query's answer encoding, when every watcher of a prefix answers the same rows after one write:
 * {@code shared} goes through the HTTP layer's {@code SharedJson} (encoded once, then an identity check of the
 * rows), {@code fresh} encodes per watcher as before. Two threads, as two cores answer the crowd.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class SharedWakeupJsonBench {
    private MethodHandle sharedEncode;
    private MethodHandle freshEncode;
    private Object shared;
    private List<KVEntry> rows;

    @Setup
    public void setUp() throws Exception {
        Class<?> cls = Class.forName("dev.proconsul.http.SharedJson");
        Constructor<?> c = cls.getDeclaredConstructor();
        c.setAccessible(true);
        shared = c.newInstance();
        Method m = cls.getDeclaredMethod("encode", String.class, List.class);
        m.setAccessible(true);
        sharedEncode = MethodHandles.lookup().unreflect(m)
                .asType(MethodType.methodType(byte[].class, Object.class, String.class, List.class));
        Method w = Class.forName("dev.proconsul.http.JsonCodec").getDeclaredMethod("write", Object.class, boolean.class);
        w.setAccessible(true);
        freshEncode = MethodHandles.lookup().unreflect(w)
                .asType(MethodType.methodType(byte[].class, Object.class, boolean.class));
        byte[] value = "round-7".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        rows = List.of(new KVEntry(0, "wk/seed", 0, value, null, 10, 10),
                new KVEntry(0, "wk/round", 0, value, null, 11, 42));
    }

    @Benchmark
    public byte[] shared() throws Throwable {
        return (byte[]) sharedEncode.invokeExact(shared, "prefix:wk/", rows);
    }

    @Benchmark
    public byte[] fresh() throws Throwable {
        return (byte[]) freshEncode.invokeExact((Object) rows, false);
    }
}
