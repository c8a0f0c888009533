package dev.proconsul.bench.jmh;

import dev.proconsul.dns.DnsCatalog;
import dev.proconsul.dns.DnsConfig;
import dev.proconsul.dns.DnsHandler;
import dev.proconsul.dns.EndpointsDnsCatalog;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The DNS hot path, wire query in, wire answer out ({@code DnsHandler.handle}), over `bench/run dns`'s catalog
 * (20 services x 3 instances on 20 nodes) and query mix (service A, service SRV, node A, NXDOMAIN in equal shares).
 * {@code path=cached}: as served (the answer cache in front); {@code path=full}: the same handler over a catalog that
 * refuses caching, i.e. parse, catalog read, health filter, shuffle and dnsjava rendering on every query.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DnsAnswerBench {
    private static final int SERVICES = 20;

    @Param({"cached", "full"})
    String path;

    private DnsHandler handler;
    private byte[][] queries;
    private int next;

    @Setup
    public void setUp() throws Exception {
        DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        Server endpoints = Server.builder(raft).datacenter("dc1").build();
        for (int s = 0; s < SERVICES; s++) {
            for (int i = 0; i < 3; i++) {
                int n = (s + i) % SERVICES;
                NodeService svc = new NodeService("", "svc-" + s + "-" + i, "svc-" + s, List.of(), "", null,
                        Map.of(), 8000 + i, new Weights(1, 1), false, null, null, 0, 0);
                endpoints.catalog().register(new RegisterRequest(null, null, "node-" + n, "10.0.0." + (n + 1), null,
                        null, svc, null, null, false));
            }
        }
        DnsConfig config = DnsConfig.defaults("dc1", "bench");
        DnsCatalog catalog = new EndpointsDnsCatalog(endpoints, true, config.maxStale());
        handler = new DnsHandler(config, path.equals("cached") ? catalog : uncacheable(catalog));
        List<byte[]> qs = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            qs.add(query("svc-" + s + ".service.consul.", Type.A));
            qs.add(query("svc-" + s + ".service.consul.", Type.SRV));
            qs.add(query("node-" + s + ".node.consul.", Type.A));
            qs.add(query("missing-" + s + ".service.consul.", Type.A));
        }
        queries = qs.toArray(new byte[0][]);
    }

    private static byte[] query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN)).toWire();
    }

    /** The same catalog, but its reads may not be cached: every query takes the full path. */
    private static DnsCatalog uncacheable(DnsCatalog c) {
        return new DnsCatalog() {
            @Override
            public Optional<Node> node(String name) {
                return c.node(name);
            }

            @Override
            public List<Node> nodes() {
                return c.nodes();
            }

            @Override
            public List<CheckServiceNode> serviceInstances(String service, String tag) {
                return c.serviceInstances(service, tag);
            }

            @Override
            public List<CheckServiceNode> connectInstances(String service) {
                return c.connectInstances(service);
            }

            @Override
            public List<String> serviceNames() {
                return c.serviceNames();
            }

            @Override
            public Optional<QueryResults> preparedQuery(String idOrName, String agentNode) {
                return c.preparedQuery(idOrName, agentNode);
            }
        };
    }

    @Benchmark
    public byte[] answer() {
        byte[] q = queries[next];
        next = next + 1 == queries.length ? 0 : next + 1;
        return handler.handle(q, false);
    }
}
