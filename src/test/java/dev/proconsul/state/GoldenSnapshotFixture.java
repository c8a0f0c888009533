package dev.proconsul.state;

import static dev.proconsul.state.Fixtures.bytes;
import static dev.proconsul.state.Fixtures.check;
import static dev.proconsul.state.Fixtures.delete;
import static dev.proconsul.state.Fixtures.deregService;
import static dev.proconsul.state.Fixtures.set;
import static dev.proconsul.state.Fixtures.withService;

import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotSetConfigRequest;
import dev.proconsul.structs.CARootsRequest;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateBatchUpdateRequest;
import dev.proconsul.structs.CoordinateEntry;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.KVRequest;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Proxy;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQueryRequest;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.ServiceConnect;
import dev.proconsul.structs.SessionRequest;
import dev.proconsul.structs.SnapshotArchive;
import dev.proconsul.structs.SnapshotMeta;
import dev.proconsul.structs.Weights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the store behind the golden snapshot files in src/test/resources/dev/proconsul/state: every table family
 * with awkward values (a sidecar with proxy/connect maps, binary and null KV values, flags, a held lock, tombstones,
 * an extinct service, sessions bound to node and service checks, coordinates in two segments, CA roots with a
 * private key). {@link GoldenSnapshotTest} restores the committed bytes and compares every read with this store.
 *
 * <p>The files were written once, by the code before the table units existed, with {@link #main}; they are the
 * format's contract, so do not regenerate them unless the format version changes. Maps are insertion-ordered so the
 * bytes do not depend on the JVM's hash seed.
 */
final class GoldenSnapshotFixture {
    static final String STATE = "golden-v1.state";
    static final String ARCHIVE = "golden-v1.snap";
    /** {@link #complete()}: the v1 fixture plus the tables added since (prepared queries); same format version. */
    static final String STATE_COMPLETE = "golden-v1-complete.state";
    static final String Q_PLAIN = "dddddddd-0000-0000-0000-000000000004";
    static final String Q_TEMPLATE = "eeeeeeee-0000-0000-0000-000000000005";
    static final String Q_SESSION = "ffffffff-0000-0000-0000-000000000006";
    /** Wall clock of the store (lock-delays only; not part of the snapshot). */
    static final long CLOCK = 1_700_000_000_000L;
    static final long TERM = 3;
    static final long CREATED_MILLIS = 1_700_000_123_000L;

    static final String S_RELEASE = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String S_DELETE = "bbbbbbbb-0000-0000-0000-000000000002";
    static final String S_GONE = "cccccccc-0000-0000-0000-000000000003";

    private GoldenSnapshotFixture() {
    }

    @SafeVarargs
    static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            V v = (V) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }

    static CARoot root(String id, boolean active) {
        return new CARoot(id, "Consul CA Root Cert", 7, "aa:bb", "", "2025-01-01T00:00:00Z",
                "2035-01-01T00:00:00Z", "-----BEGIN CERTIFICATE-----\nMIIB" + id + "\n-----END CERTIFICATE-----\n",
                List.of("-----BEGIN CERTIFICATE-----\nINTER\n-----END CERTIFICATE-----\n"), active, "ec", 256, 0, 0);
    }

    static Coordinate coord(double x) {
        return new Coordinate(new double[] {x, -x, 0, 0, 0, 0, 0, 0.25}, 0.5, 0.001, 1.0e-5);
    }

    static StateStore populated() {
        StateStore s = new StateStore(() -> CLOCK);
        long i = 1;
        // Catalog: a node with ID, tagged addresses and meta, a web service, its sidecar, node and service checks.
        s.apply(++i, new RegisterRequest("dc1", "11111111-2222-3333-4444-555555555555", "Node-1", "10.0.0.1",
                ordered("lan", "10.0.0.1", "wan", "1.2.3.4"), ordered("rack", "r1", "zone", "a"),
                new NodeService("", "web1", "web", List.of("v1", "ü"), "10.0.0.5",
                        ordered("lan", ordered("Address", "10.0.0.5", "Port", 80)), ordered("m", "1"), 80,
                        new Weights(3, 1), true, null, null, 0, 0),
                null, List.of(new HealthCheck(null, "web-http", "HTTP", "passing", "n", "ok", "web1", null, null,
                        "http", "10s", "1s", ordered("HTTP", "http://x/", "Header", ordered("A", List.of("b"))), 0,
                        0), check("serfHealth", "Serf Health Status", "passing", null)), false));
        s.apply(++i, new RegisterRequest("dc1", "11111111-2222-3333-4444-555555555555", "Node-1", "10.0.0.1",
                ordered("lan", "10.0.0.1", "wan", "1.2.3.4"), ordered("rack", "r1", "zone", "a"),
                new NodeService("connect-proxy", "web1-sidecar-proxy", "web-sidecar-proxy", List.of(), "", null,
                        null, 21000, new Weights(1, 1), false,
                        Proxy.fromJson(ordered("DestinationServiceName", "web", "DestinationServiceID", "web1",
                                "LocalServiceAddress", "127.0.0.1", "LocalServicePort", 80,
                                "Config", ordered("protocol", "http"),
                                "Upstreams", List.of(ordered("DestinationType", "service",
                                        "DestinationName", "db", "LocalBindPort", 9191)))),
                        null, 0, 0),
                null, List.of(new HealthCheck(null, "service:web1-sidecar-proxy:1", "Connect Sidecar Listening",
                        "critical", "", "dial failed", "web1-sidecar-proxy", null, null, "tcp", "10s", "", null, 0,
                        0)), false));
        s.apply(++i, withService("n2", "10.0.0.2", new NodeService("", "native1", "native", List.of("x"), "", null,
                null, 8443, null, false, null, ServiceConnect.ofNative(true), 0, 0)));
        s.apply(++i, new RegisterRequest("dc1", null, "n2", "10.0.0.2", null, null, null, null,
                List.of(check("serfHealth", "Serf Health Status", "passing", null),
                        check("service:native1", "Native TLS", "warning", "native1")), false));
        s.apply(++i, withService("n3", "10.0.0.3", Fixtures.service("db1", "db", 5432)));
        s.apply(++i, deregService("n3", "db1")); // leaves a last-extinction index
        // Sessions: one on node checks (release), one on a service check (delete), one destroyed.
        s.apply(++i, new SessionRequest(SessionRequest.Op.CREATE, new Session(S_RELEASE, "locker", "Node-1",
                Session.DEFAULT_LOCK_DELAY_NANOS, Session.RELEASE, "", List.of("serfHealth"), null, null, 0, 0)));
        s.apply(++i, new SessionRequest(SessionRequest.Op.CREATE, new Session(S_DELETE, "ephemeral", "n2",
                0, Session.DELETE, "30s", List.of(), List.of(new Session.ServiceCheck("service:native1", null)),
                null, 0, 0)));
        s.apply(++i, new SessionRequest(SessionRequest.Op.CREATE, new Session(S_GONE, "", "n2",
                1_000_000_000L, Session.RELEASE, "", null, null, null, 0, 0)));
        // KV: plain, null value, empty value, flags with binary bytes, a held lock, deletes leaving tombstones.
        s.apply(++i, set("a/b", "hello"));
        s.apply(++i, set("a/c/d", "deep"));
        s.apply(++i, set("bin", null));
        s.apply(++i, set("empty", ""));
        s.apply(++i, new KVRequest(KVRequest.Verb.SET,
                new KVEntry(0, "flags", 42, new byte[] {0, (byte) 255, 10}, null, 0, 0)));
        s.apply(++i, new KVRequest(KVRequest.Verb.LOCK, new KVEntry(0, "locks/leader", 7, bytes("me"), S_RELEASE,
                0, 0)));
        s.apply(++i, new KVRequest(KVRequest.Verb.LOCK, new KVEntry(0, "locks/gone", 0, bytes("x"), S_GONE, 0, 0)));
        s.apply(++i, new SessionRequest(SessionRequest.Op.DESTROY, new Session(S_GONE, null, null, 0, null, null,
                null, null, null, 0, 0))); // releases locks/gone, starts a lock-delay
        s.apply(++i, set("gone", "x"));
        s.apply(++i, delete("gone"));
        s.apply(++i, set("a/tmp", "x"));
        s.apply(++i, delete("a/tmp"));
        // CA roots, rotated once so one root keeps an older CreateIndex.
        s.apply(++i, new CARootsRequest("cluster-uuid", List.of(root("r1", true)), "-----BEGIN EC PRIVATE KEY-----\n"
                + "old\n-----END EC PRIVATE KEY-----\n"));
        s.apply(++i, new CARootsRequest("cluster-uuid", List.of(root("r1", false), root("r2", true)),
                "-----BEGIN EC PRIVATE KEY-----\nsecret\n-----END EC PRIVATE KEY-----\n"));
        // Coordinates: two nodes, one with a second segment; one update for an unknown node (dropped).
        s.apply(++i, new CoordinateBatchUpdateRequest(List.of(new CoordinateEntry("Node-1", "", coord(0.1)),
                new CoordinateEntry("node-1", "alpha", coord(0.2)), new CoordinateEntry("ghost", "", coord(0.3)))));
        s.apply(++i, new CoordinateBatchUpdateRequest(List.of(new CoordinateEntry("n2", "", coord(0.4)),
                new CoordinateEntry("Node-1", "", coord(0.15)))));
        s.apply(i += 2, set("a/b", "hello")); // no-op: LastIndex moves, table indexes stay
        return s;
    }

    /**
     * {@link #populated()} plus rows in every table added after the v1 golden files were written: prepared queries
     * (a named one with tags and metadata, a template with a regexp, one bound to a session).
     */
    static StateStore complete() {
        StateStore s = populated();
        long i = s.lastIndex();
        s.apply(++i, new PreparedQueryRequest(PreparedQueryRequest.Op.CREATE, new PreparedQuery(Q_PLAIN, "web-q",
                "", "", null, new PreparedQuery.ServiceQuery("web", "", new PreparedQuery.Failover(2,
                List.of("dc2"), null), true, List.of("serfHealth"), "_agent", List.of("v1", "!canary"),
                ordered("rack", "r1"), null, false, ""), new PreparedQuery.DnsOptions("10s"), 0, 0)));
        s.apply(++i, new PreparedQueryRequest(PreparedQueryRequest.Op.CREATE, new PreparedQuery(Q_TEMPLATE, "geo-",
                "", "", new PreparedQuery.Template(PreparedQuery.NAME_PREFIX_MATCH, "^geo-(.*)$", true),
                new PreparedQuery.ServiceQuery("${match(1)}", "", null, false, null, "", List.of("${name.suffix}",
                        ""), null, null, false, ""), null, 0, 0)));
        s.apply(++i, new PreparedQueryRequest(PreparedQueryRequest.Op.CREATE, new PreparedQuery(Q_SESSION, "",
                S_RELEASE, "", null, new PreparedQuery.ServiceQuery("db", "", null, false, null, "", null, null,
                null, false, ""), null, 0, 0)));
        return s;
    }

    /**
     * {@link #complete()} plus rows in the tables added after golden-v1-complete was written: the autopilot
     * configuration (stored, then a check-and-set against a stale ModifyIndex, refused). What
     * {@code TableUnitsTest} round-trips; no golden file pins it, so the older ones keep proving old snapshots restore.
     */
    static StateStore everyTable() {
        StateStore s = complete();
        long i = s.lastIndex();
        s.apply(++i, new AutopilotSetConfigRequest(AutopilotConfig.DEFAULTS, false));
        s.apply(++i, new AutopilotSetConfigRequest(AutopilotConfig.DEFAULTS.withIndexes(0, 1), true));
        return s;
    }

    static byte[] state(StateStore s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeSnapshot(out);
        return out.toByteArray();
    }

    static byte[] archive(byte[] state, long index) {
        return SnapshotArchive.toBytes(SnapshotMeta.of(index, TERM, state.length, CREATED_MILLIS), state);
    }

    /** Writes the golden files into the directory given (src/test/resources/dev/proconsul/state). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/proconsul/state");
        StateStore s = populated();
        byte[] state = state(s);
        Files.write(dir.resolve(STATE), state);
        Files.write(dir.resolve(ARCHIVE), archive(state, s.lastIndex()));
        Files.write(dir.resolve(STATE_COMPLETE), state(complete()));
    }
}
