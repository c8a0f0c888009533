package dev.proconsul.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Registers the runtime gauges Consul exports under {@code consul.runtime.*}, mapped to their JVM counterparts:
 * heap in use for alloc_bytes, committed memory for sys_bytes, live threads for num_goroutines, GC totals.
 */
public final class RuntimeGauges {
    private RuntimeGauges() {
    }

    public static void register(MetricsRegistry registry) {
        Runtime rt = Runtime.getRuntime();
        registry.registerGauge("consul.runtime.alloc_bytes", () -> rt.totalMemory() - rt.freeMemory());
        registry.registerGauge("consul.runtime.sys_bytes", rt::totalMemory);
        registry.registerGauge("consul.runtime.heap_max_bytes", rt::maxMemory);
        registry.registerGauge("consul.runtime.num_goroutines",
                () -> ManagementFactory.getThreadMXBean().getThreadCount());
        registry.registerGauge("consul.runtime.total_gc_runs", () -> {
            long runs = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                runs += Math.max(0, gc.getCollectionCount());
            }
            return runs;
        });
        registry.registerGauge("consul.runtime.total_gc_pause_ns", () -> {
            long ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ms += Math.max(0, gc.getCollectionTime());
            }
            return ms * 1_000_000.0;
        });
    }
}
