package dev.proconsul.bench.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `bench/run dns`: dnsperf against Proconsul's DNS interface and against dnsmasq serving the same records (20 services
 * × 3 instances on 20 nodes), the same query file for both (service A, service SRV, node A, NXDOMAIN names), rounds
 * alternating which system goes first; figures are medians over rounds. Throughput is dnsperf's own "Queries per
 * second"; the p99 comes from its per-response latencies (-v), which dnsperf 2.10 prints but does not summarise.
 */
final class DnsBench {
    static final int SERVICES = 20;
    static final int INSTANCES = 3;
    static final int NODES = 20;
    private static final Pattern DNS_PORT = Pattern.compile("Started DNS server: address=127\\.0\\.0\\.1:(\\d+) network=udp");
    private static final long STARTED = System.nanoTime();

    /** Rounds and seconds per mode: one warm-up run per system, then measured rounds. */
    record DnsMode(int rounds, double warmupSec, double measureSec) {
        static DnsMode of(String name) {
            return switch (name) {
                case "smoke" -> new DnsMode(1, 0.5, 2);
                case "quick" -> new DnsMode(3, 2, 8);
                case "full" -> new DnsMode(3, 5, 30);
                default -> throw new IllegalArgumentException("mode must be smoke, quick or full, not " + name);
            };
        }
    }

    /** One dnsperf run's outcome. */
    record Run(double qps, double p50Millis, double p99Millis, long lost, String rcodes) {
    }

    private final BenchOptions opts;
    private final DnsMode mode;

    DnsBench(BenchOptions opts) {
        this.opts = opts;
        this.mode = DnsMode.of(opts.mode());
    }

    private static void info(String s) {
        System.out.printf(Locale.ROOT, "INFO t=%.0fs %s%n", (System.nanoTime() - STARTED) / 1e9, s);
        System.out.flush();
    }

    static String nodeAddress(int node) {
        return "10.0.0." + (node + 1);
    }

    /** Instance k of service s runs on this node. */
    static int nodeOf(int service, int instance) {
        return (service + instance * 7) % NODES;
    }

    List<Figure> run() throws Exception {
        if (opts.dnsperf() == null) {
            throw new IllegalStateException("dns needs dnsperf (Debian package dnsperf)");
        }
        Path dir = Files.createDirectories(opts.workDir().resolve("dns"));
        Path queries = writeQueries(dir.resolve("queries.txt"));
        Path hosts = writeHosts(dir.resolve("hosts"));
        ProconsulServer proconsul = new ProconsulServer(opts.workDir(), opts.proconsul());
        DnsmasqServer dnsmasq = opts.dnsmasq() == null ? null
                : new DnsmasqServer(opts.workDir(), opts.dnsmasq(), hosts, srvHosts());
        Map<String, List<Double>> series = new LinkedHashMap<>();
        try {
            if (opts.jfr() != null) {
                proconsul.extraJavaOpts("-XX:StartFlightRecording=filename=" + opts.jfr() + ",settings=profile");
            }
            proconsul.startAndAwaitReady(120);
            register(proconsul.httpPort());
            int pPort = dnsPort(proconsul);
            checkServes("proconsul", pPort);
            int aPort = -1;
            if (dnsmasq != null) {
                dnsmasq.startAndAwaitReady(30);
                aPort = dnsmasq.dnsPort();
                checkServes("dnsmasq", aPort);
            }
            info(String.format(Locale.ROOT, "proconsul DNS on :%d, dnsmasq on :%s; %d services x %d instances, %d nodes; "
                    + "%d rounds of %.0f s after a %.1f s warm-up each", pPort, aPort < 0 ? "NA" : aPort, SERVICES,
                    INSTANCES, NODES, mode.rounds(), mode.measureSec(), mode.warmupSec()));
            dnsperf(pPort, queries, mode.warmupSec(), false);
            if (aPort > 0) {
                dnsperf(aPort, queries, mode.warmupSec(), false);
            }
            for (int round = 0; round < mode.rounds(); round++) {
                boolean proconsulFirst = round % 2 == 0;
                for (int i = 0; i < 2; i++) {
                    boolean isProconsul = (i == 0) == proconsulFirst;
                    if (!isProconsul && aPort < 0) {
                        continue;
                    }
                    ServerProcess server = isProconsul ? proconsul : dnsmasq;
                    String who = isProconsul ? "proconsul" : "anchor";
                    double cpu0 = server.cpuSeconds();
                    Run r = dnsperf(isProconsul ? pPort : aPort, queries, mode.measureSec(), true);
                    double cpuUs = (server.cpuSeconds() - cpu0) * 1e6 / Math.max(1, r.qps() * mode.measureSec());
                    info(String.format(Locale.ROOT, "round %d %s: %.0f queries/s, p50 %s ms, p99 %s ms, lost %d, "
                                    + "server CPU %.1f us/query, %s", round + 1, who, r.qps(), Figure.format(r.p50Millis()),
                            Figure.format(r.p99Millis()), r.lost(), cpuUs, r.rcodes()));
                    series.computeIfAbsent(who + ".qps", k -> new ArrayList<>()).add(r.qps());
                    series.computeIfAbsent(who + ".p99", k -> new ArrayList<>()).add(r.p99Millis());
                }
            }
        } finally {
            proconsul.close();
            if (dnsmasq != null) {
                dnsmasq.close();
            }
        }
        return List.of(
                new Figure("dns-qps", median(series, "proconsul.qps"), median(series, "anchor.qps"), "queries/s"),
                new Figure("dns-p99", median(series, "proconsul.p99"), median(series, "anchor.p99"), "ms"));
    }

    private static double median(Map<String, List<Double>> series, String key) {
        return Stats.median(series.getOrDefault(key, List.of()));
    }

    /** Equal shares of service A, service SRV, node A and NXDOMAIN queries, interleaved. */
    private static Path writeQueries(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            lines.add("svc-" + i + ".service.consul A");
            lines.add("svc-" + i + ".service.consul SRV");
            lines.add("node-" + (i % NODES) + ".node.consul A");
            lines.add("missing-" + i + ".service.consul A");
        }
        return Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    private static Path writeHosts(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            lines.add(nodeAddress(n) + " node-" + n + ".node.consul");
        }
        for (int s = 0; s < SERVICES; s++) {
            for (int k = 0; k < INSTANCES; k++) {
                lines.add(nodeAddress(nodeOf(s, k)) + " svc-" + s + ".service.consul");
            }
        }
        return Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    /** dnsmasq's --srv-host values: name,target,port for every instance (the target is its node's name, as Consul's). */
    private static List<String> srvHosts() {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            for (int k = 0; k < INSTANCES; k++) {
                out.add("svc-" + s + ".service.consul,node-" + nodeOf(s, k) + ".node.consul," + (8000 + k));
            }
        }
        return out;
    }

    /** The same records in Proconsul's catalog, through /v1/catalog/register. */
    private static void register(int httpPort) throws IOException {
        try (Http1Connection c = new Http1Connection("127.0.0.1", httpPort, 65536, 5000)) {
            for (int n = 0; n < NODES; n++) {
                put(c, "{\"Node\":\"node-" + n + "\",\"Address\":\"" + nodeAddress(n) + "\"}");
            }
            for (int s = 0; s < SERVICES; s++) {
                for (int k = 0; k < INSTANCES; k++) {
                    int n = nodeOf(s, k);
                    put(c, "{\"Node\":\"node-" + n + "\",\"Address\":\"" + nodeAddress(n) + "\",\"Service\":{\"ID\":\"svc-"
                            + s + "-" + k + "\",\"Service\":\"svc-" + s + "\",\"Port\":" + (8000 + k) + "}}");
                }
            }
        }
    }

    private static void put(Http1Connection c, String json) throws IOException {
        Http1Connection.Response r = c.exchange("PUT", "/v1/catalog/register", json.getBytes(StandardCharsets.UTF_8));
        if (r.status() != 200) {
            throw new IOException("catalog register answered " + r.status() + ": " + r.text());
        }
    }

    /** Proconsul picks its DNS port itself (-dns-port=0) and logs it. */
    private static int dnsPort(ServerProcess server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = DNS_PORT.matcher(Files.readString(server.logFile(), StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new IOException("no 'Started DNS server' line in " + server.logFile());
    }

    /** Both must answer the service A query with all instances, so they are compared on the same work. */
    private static void checkServes(String who, int port) throws IOException {
        int a = DnsProbe.answerCount("127.0.0.1", port, "svc-0.service.consul", 1);
        int srv = DnsProbe.answerCount("127.0.0.1", port, "svc-0.service.consul", 33);
        if (a != INSTANCES || srv != INSTANCES) {
            throw new IOException(who + " answers svc-0.service.consul with " + a + " A and " + srv + " SRV records, not "
                    + INSTANCES);
        }
    }

    /** One dnsperf run; with perQuery, its -v lines give every response's latency (for the p99). */
    private Run dnsperf(int port, Path queries, double seconds, boolean perQuery) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(opts.dnsperf().toString(), "-s", "127.0.0.1", "-p",
                Integer.toString(port), "-d", queries.toString(), "-l", String.format(Locale.ROOT, "%.1f", seconds),
                "-t", "2"));
        if (perQuery) {
            cmd.add("-v");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        LongList micros = new LongList();
        double qps = Double.NaN;
        long lost = 0;
        String rcodes = "";
        StringBuilder tail = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII),
                1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("> ")) {
                    int sp = line.lastIndexOf(' ');
                    micros.add(Math.round(Double.parseDouble(line.substring(sp + 1)) * 1e6));
                    continue;
                }
                String t = line.trim();
                if (t.startsWith("Queries per second:")) {
                    qps = Double.parseDouble(t.substring(t.indexOf(':') + 1).trim());
                } else if (t.startsWith("Queries lost:")) {
                    lost = Long.parseLong(t.substring(t.indexOf(':') + 1).trim().split("\\s+")[0]);
                } else if (t.startsWith("Response codes:")) {
                    rcodes = t.substring(t.indexOf(':') + 1).trim();
                }
                tail.append(line).append('\n');
            }
        }
        int status = p.waitFor();
        if (status != 0 || !Double.isFinite(qps)) {
            throw new IOException("dnsperf exited with " + status + ":\n" + tail);
        }
        int n = micros.size();
        return new Run(qps, Stats.percentile(micros.array(), n, 50) / 1000.0,
                Stats.percentile(micros.array(), n, 99) / 1000.0, lost, rcodes);
    }
}
