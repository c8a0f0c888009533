package dev.proconsul.http;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of /v1/agent/host (Memory, CPU, Host, Disk, CollectionTime, Errors), gathered from the JDK and, where
 * cheap, /proc. Field names follow gopsutil's JSON, which is what Consul returns; values we cannot get are left out.
 */
final class HostInfo {
    private HostInfo() {
    }

    static Map<String, Object> collect() {
        Map<String, Object> out = new JsonStruct();
        List<String> errors = new ArrayList<>();
        out.put("Memory", memory(errors));
        out.put("CPU", cpu());
        out.put("Host", host());
        out.put("Disk", disk());
        out.put("CollectionTime", System.currentTimeMillis() * 1_000_000L);
        out.put("Errors", errors.isEmpty() ? null : errors);
        return out;
    }

    private static Map<String, Object> memory(List<String> errors) {
        Map<String, Object> m = new JsonStruct();
        Map<String, Long> info = procMeminfo();
        if (!info.isEmpty()) {
            long total = info.getOrDefault("MemTotal", 0L);
            long free = info.getOrDefault("MemFree", 0L);
            long available = info.getOrDefault("MemAvailable", free);
            long used = total - available;
            m.put("total", total);
            m.put("available", available);
            m.put("used", used);
            m.put("usedPercent", total == 0 ? 0.0 : 100.0 * used / total);
            m.put("free", free);
            m.put("buffers", info.getOrDefault("Buffers", 0L));
            m.put("cached", info.getOrDefault("Cached", 0L));
            m.put("swapTotal", info.getOrDefault("SwapTotal", 0L));
            m.put("swapFree", info.getOrDefault("SwapFree", 0L));
            return m;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            long free = os.getFreeMemorySize();
            m.put("total", total);
            m.put("available", free);
            m.put("used", total - free);
            m.put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - free) / total);
            m.put("free", free);
        } else {
            errors.add("memory statistics unavailable");
        }
        return m;
    }

    /** /proc/meminfo values in bytes, or empty when not on Linux. */
    private static Map<String, Long> procMeminfo() {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                String[] parts = line.split(":\\s*");
                if (parts.length == 2) {
                    String[] v = parts[1].trim().split("\\s+");
                    long n = Long.parseLong(v[0]);
                    out.put(parts[0], v.length > 1 && v[1].equals("kB") ? n * 1024 : n);
                }
            }
        } catch (IOException | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    private static List<Map<String, Object>> cpu() {
        String modelName = "";
        String vendor = "";
        double mhz = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String k = line.substring(0, colon).trim();
                String v = line.substring(colon + 1).trim();
                if (k.equals("model name") && modelName.isEmpty()) {
                    modelName = v;
                } else if (k.equals("vendor_id") && vendor.isEmpty()) {
                    vendor = v;
                } else if (k.equals("cpu MHz") && mhz == 0) {
                    mhz = Double.parseDouble(v);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: report what the JDK knows
        }
        List<Map<String, Object>> cpus = new ArrayList<>();
        int n = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            Map<String, Object> c = new JsonStruct();
            c.put("cpu", i);
            c.put("vendorId", vendor);
            c.put("modelName", modelName);
            c.put("cores", 1);
            c.put("mhz", mhz);
            cpus.add(c);
        }
        return cpus;
    }

    private static Map<String, Object> host() {
        Map<String, Object> h = new JsonStruct();
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            hostname = "localhost";
        }
        long uptimeSeconds = procUptimeSeconds();
        h.put("hostname", hostname);
        h.put("uptime", uptimeSeconds);
        h.put("bootTime", uptimeSeconds > 0 ? System.currentTimeMillis() / 1000 - uptimeSeconds : 0);
        h.put("os", System.getProperty("os.name", "").toLowerCase());
        h.put("platform", System.getProperty("os.name", ""));
        h.put("kernelVersion", System.getProperty("os.version", ""));
        h.put("kernelArch", System.getProperty("os.arch", ""));
        return h;
    }

    private static long procUptimeSeconds() {
        try {
            String s = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) Double.parseDouble(s);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        }
    }

    private static Map<String, Object> disk() {
        File root = new File("/");
        long total = root.getTotalSpace();
        long free = root.getUsableSpace();
        Map<String, Object> d = new JsonStruct();
        d.put("path", "/");
        d.put("total", total);
        d.put("free", free);
        d.put("used", total - free);
        d.put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - free) / total);
        return d;
    }
}
