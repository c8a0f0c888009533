package dev.proconsul.bench.jmh;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The product's HTTP JSON encoder ({@code dev.proconsul.http.JsonCodec.write(Object, boolean)}, package-private),
 * reached by reflection so a benchmark measures exactly what the API runs; invoke as {@code (byte[])
 * h.invokeExact((Object) value, false)}.
 */
final class JsonCodecHandle {
    private JsonCodecHandle() {
    }

    static MethodHandle write() throws ReflectiveOperationException {
        Method m = Class.forName("dev.proconsul.http.JsonCodec").getDeclaredMethod("write", Object.class,
                boolean.class);
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m)
                .asType(MethodType.methodType(byte[].class, Object.class, boolean.class));
    }
}
