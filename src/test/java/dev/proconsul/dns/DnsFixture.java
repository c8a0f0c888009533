package dev.proconsul.dns;

import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.Proxy;
import dev.proconsul.structs.ServiceConnect;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.Weights;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A real state store behind server endpoints, a DNS server on a free loopback port, and a small DNS client. */
final class DnsFixture implements AutoCloseable {
    final DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
    final Server endpoints = Server.builder(raft).build();
    final DnsServer server;
    final DnsHandler handler;
    final DnsCatalog catalog;
    final DnsConfig config;

    DnsFixture() throws IOException {
        this(DnsConfig.defaults("dc1", "server1"));
    }

    DnsFixture(DnsConfig config) throws IOException {
        this.config = config;
        catalog = new EndpointsDnsCatalog(endpoints, config.allowStale(), config.maxStale());
        handler = new DnsHandler(config, catalog);
        server = new DnsServer(handler, List.of("127.0.0.1"), 0);
        server.start();
    }

    int port() {
        return server.boundPort();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ------------------------------------------------------------------ catalog writes

    void node(String node, String address, Map<String, String> meta) {
        endpoints.catalog().register(RegisterRequest.builder(node).address(address).nodeMeta(meta).build());
    }

    /** Registers {@code id} of {@code service} on {@code node} with one service check of {@code status}. */
    void service(String node, String nodeAddress, String id, String service, List<String> tags, String address,
                 int port, String status) {
        service(node, nodeAddress, id, service, tags, address, port, status, null, null, null);
    }

    void service(String node, String nodeAddress, String id, String service, List<String> tags, String address,
                 int port, String status, String kind, Map<String, Object> proxy, Map<String, Object> connect) {
        NodeService svc = new NodeService(kind == null ? "" : kind, id, service, tags, address, null, Map.of(), port,
                new Weights(10, 1), false, proxy == null ? null : Proxy.fromJson(proxy),
                connect == null ? null : ServiceConnect.fromJson(connect), 0, 0);
        HealthCheck check = status == null ? null : check(node, id, status);
        endpoints.catalog().register(new RegisterRequest(null, null, node, nodeAddress, null, null, svc, check, null,
                false));
    }

    void deregisterService(String node, String serviceId) {
        endpoints.catalog().deregister(new DeregisterRequest(null, node, serviceId, null));
    }

    void setCheck(String node, String serviceId, String status) {
        endpoints.catalog().register(RegisterRequest.checkOnNode(node, check(node, serviceId, status)));
    }

    private static HealthCheck check(String node, String serviceId, String status) {
        return new HealthCheck(node, "check-" + serviceId, "check", status, "", "", serviceId, "", null, "", "", "",
                null, 0, 0);
    }

    // ------------------------------------------------------------------ client

    static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    }

    static Message queryEdns(String name, int type, int udpSize) {
        Message q = query(name, type);
        q.addRecord(new OPTRecord(udpSize, 0, 0), Section.ADDITIONAL);
        return q;
    }

    Message udp(String name, int type) throws IOException {
        return udp(query(name, type));
    }

    Message udp(Message q) throws IOException {
        byte[] answer = udpRaw(q.toWire(), 5000);
        if (answer == null) {
            throw new SocketTimeoutException("no DNS answer");
        }
        return new Message(answer);
    }

    /** The raw answer, or null when none came within {@code timeoutMillis}. */
    byte[] udpRaw(byte[] packet, int timeoutMillis) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(timeoutMillis);
            s.send(new DatagramPacket(packet, packet.length, new InetSocketAddress("127.0.0.1", port())));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return Arrays.copyOf(buf, p.getLength());
        }
    }

    Message tcp(Message q) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(30_000);
            byte[] wire = q.toWire();
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort();
            return new Message(in.readNBytes(len));
        }
    }

    static boolean truncated(Message m) {
        return m.getHeader().getFlag(Flags.TC);
    }

    static int count(Message m, int section, int type) {
        int n = 0;
        for (Record r : m.getSection(section)) {
            if (type == Type.ANY || r.getType() == type) {
                n++;
            }
        }
        return n;
    }
}
