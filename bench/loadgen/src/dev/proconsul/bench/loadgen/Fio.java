package dev.proconsul.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk's durable-write floor: fio writing small sequential blocks with fdatasync after each (the pattern of a
 * write-ahead log), in the same file system as the servers' data directories. Reports the fdatasync latency.
 */
final class Fio {
    record Result(double p50Millis, double p99Millis, double syncsPerSec) {
    }

    private Fio() {
    }

    static Result run(Path fio, Path dir, double seconds) throws IOException, InterruptedException {
        Path out = dir.resolve("fio.json");
        Process p = new ProcessBuilder(List.of(fio.toString(), "--name=wal-fdatasync", "--directory=" + dir,
                "--rw=write", "--bs=2300", "--size=22m", "--ioengine=sync", "--fdatasync=1",
                "--runtime=" + Math.max(1, Math.round(seconds)), "--time_based", "--output-format=json",
                "--output=" + out)).redirectErrorStream(true).redirectOutput(dir.resolve("fio.log").toFile()).start();
        if (!p.waitFor((long) (seconds * 1000) + 60_000, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("fio did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException("fio exited with " + p.exitValue() + "; see " + dir.resolve("fio.log"));
        }
        String json = Files.readString(out);
        Files.deleteIfExists(dir.resolve("wal-fdatasync.0.0"));
        int sync = json.indexOf("\"sync\"");
        if (sync < 0) {
            throw new IOException("no fdatasync figures in fio's output");
        }
        String s = json.substring(sync);
        Matcher write = Pattern.compile("\"write\"\\s*:\\s*\\{").matcher(json);
        double iops = write.find() ? number(json.substring(write.end()), "iops") : Double.NaN;
        return new Result(percentile(s, "50.000000") / 1e6, percentile(s, "99.000000") / 1e6, iops);
    }

    private static double percentile(String json, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*([0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IOException("no " + name + " percentile in fio's output");
        }
        return Double.parseDouble(m.group(1));
    }

    private static double number(String json, String name) throws IOException {
        return percentile(json, name);
    }
}
