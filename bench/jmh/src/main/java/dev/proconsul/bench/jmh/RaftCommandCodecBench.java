package dev.proconsul.bench.jmh;

import dev.proconsul.raft.CommandCodec;
import dev.proconsul.structs.Command;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Raft side of every KV write, as the leader runs it per PUT: encode the command for the log, decode it again
 * in the state machine, and encode + decode the apply result sent back (package-private {@code ApplyResultCodec},
 * reached by reflection). The bench's write: a 16-byte key and a 256-byte value. {@code legacyJsonDecode} reads
 * the JSON KV body older logs hold (what every write cost before the binary body).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RaftCommandCodecBench {
    private KVRequest write;
    private byte[] encoded;
    private byte[] legacyJson;
    private MethodHandle encodeResult;
    private MethodHandle decodeResult;
    private Object okResult;

    @Setup
    public void setUp() throws Exception {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        write = new KVRequest(KVRequest.Verb.SET, new KVEntry(0, "kv00000000000042", 0, value, null, 0, 0));
        encoded = CommandCodec.encode(write);
        String b64 = java.util.Base64.getEncoder().encodeToString(value);
        byte[] body = ("{\"Verb\":\"set\",\"DirEnt\":{\"LockIndex\":0,\"Key\":\"kv00000000000042\",\"Flags\":0,\"Value\":\""
                + b64 + "\",\"CreateIndex\":0,\"ModifyIndex\":0}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        legacyJson = new byte[body.length + 3];
        legacyJson[0] = CommandCodec.MAGIC;
        legacyJson[1] = CommandCodec.VERSION;
        legacyJson[2] = CommandCodec.Type.KV.tag();
        System.arraycopy(body, 0, legacyJson, 3, body.length);

        Class<?> codec = Class.forName("dev.proconsul.raft.ApplyResultCodec");
        Class<?> result = Class.forName("dev.proconsul.structs.ApplyResult");
        Method enc = codec.getDeclaredMethod("encode", result);
        Method dec = codec.getDeclaredMethod("decode", byte[].class);
        enc.setAccessible(true);
        dec.setAccessible(true);
        encodeResult = MethodHandles.lookup().unreflect(enc).asType(MethodType.methodType(byte[].class, Object.class));
        decodeResult = MethodHandles.lookup().unreflect(dec).asType(MethodType.methodType(Object.class, byte[].class));
        okResult = dev.proconsul.structs.ApplyResult.done(12345);
    }

    @Benchmark
    public byte[] encodeKvSet() {
        return CommandCodec.encode(write);
    }

    @Benchmark
    public Command decodeKvSet() {
        return CommandCodec.decode(encoded);
    }

    @Benchmark
    public Command legacyJsonDecode() {
        return CommandCodec.decode(legacyJson);
    }

    @Benchmark
    public Object applyResultRoundTrip() throws Throwable {
        byte[] b = (byte[]) encodeResult.invokeExact(okResult);
        return (Object) decodeResult.invokeExact(b);
    }
}
