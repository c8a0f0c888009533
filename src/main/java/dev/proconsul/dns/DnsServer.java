package dev.proconsul.dns;

import dev.proconsul.logging.LogNames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The DNS listener: for each bind address a UDP socket and a TCP socket on the same port. UDP queries are answered
 * on the few platform threads that receive them ({@link #UDP_RECEIVERS} per socket): a cached answer costs far less
 * than handing the packet to another thread would. Queries that may block (those the recursors answer) go to a
 * virtual thread each, as do TCP connections. Load is bounded so that floods cost a bounded amount of memory: such
 * UDP queries beyond {@link #MAX_UDP_IN_FLIGHT} in progress are dropped, TCP connections beyond
 * {@link #MAX_TCP_CONNECTIONS} are closed, and an idle or stalled TCP connection (e.g. a length prefix promising more
 * than is sent) is closed after {@link #TCP_IDLE_MILLIS}.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogNames.DNS);
    static final int MAX_UDP_IN_FLIGHT = 2048;
    static final int MAX_TCP_CONNECTIONS = 512;
    static final int TCP_IDLE_MILLIS = 10_000;
    private static final int BIND_ATTEMPTS = 20;
    /** Receive loops per UDP socket: enough to use the cores, few enough to stay cheap when idle. */
    static final int UDP_RECEIVERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final DnsHandler handler;
    private final List<String> bindAddresses;
    private final int requestedPort;
    private final List<DatagramChannel> udpSockets = new ArrayList<>();
    private final List<ServerSocket> tcpSockets = new ArrayList<>();
    private final List<Socket> tcpConnections = new ArrayList<>();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dns-", 0).factory());
    private final Semaphore udpInFlight = new Semaphore(MAX_UDP_IN_FLIGHT);
    private final Semaphore tcpSlots = new Semaphore(MAX_TCP_CONNECTIONS);
    private volatile boolean running;
    private int boundPort = -1;

    /**
     * @param bindAddresses IP addresses to listen on
     * @param port          0 picks a free port (the same one on every address, UDP and TCP)
     */
    public DnsServer(DnsHandler handler, List<String> bindAddresses, int port) {
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("no DNS bind address");
        }
        this.handler = handler;
        this.bindAddresses = List.copyOf(bindAddresses);
        this.requestedPort = port;
    }

    public synchronized void start() throws IOException {
        IOException last = null;
        // With port 0 the UDP port is picked first; the same TCP port can be taken meanwhile, so retry a few times.
        for (int attempt = 0; attempt < (requestedPort == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            try {
                bindAll();
                last = null;
                break;
            } catch (IOException e) {
                closeSockets();
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        running = true;
        int n = 0;
        for (DatagramChannel s : udpSockets) {
            for (int i = 0; i < UDP_RECEIVERS; i++) {
                Thread.ofPlatform().daemon().name("dns-udp-" + n++).start(() -> serveUdp(s));
            }
        }
        for (ServerSocket s : tcpSockets) {
            threads.execute(() -> serveTcp(s));
        }
    }

    private void bindAll() throws IOException {
        int port = requestedPort;
        for (String address : bindAddresses) {
            InetAddress ip = InetAddress.getByName(address);
            DatagramChannel udp = DatagramChannel.open(ip instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
            udpSockets.add(udp);
            udp.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            udp.bind(new InetSocketAddress(ip, port));
            port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            ServerSocket tcp = new ServerSocket();
            tcpSockets.add(tcp);
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(ip, port), 128);
        }
        boundPort = port;
    }

    /** The port bound on every address, UDP and TCP. */
    /** The handler answering queries (a reload gives it a new DNS config). */
    public DnsHandler handler() {
        return handler;
    }

    public synchronized int boundPort() {
        return boundPort;
    }

    public List<String> bindAddresses() {
        return bindAddresses;
    }

    /** One receive loop: answers on this thread, hands what may block to a virtual thread. */
    private void serveUdp(DatagramChannel channel) {
        ByteBuffer in = ByteBuffer.allocateDirect(65535);
        while (running) {
            in.clear();
            SocketAddress client;
            try {
                client = channel.receive(in);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.FINE, "DNS UDP receive failed", e);
                    continue;
                }
                return;
            }
            in.flip();
            byte[] query = new byte[in.remaining()];
            in.get(query);
            byte[] answer;
            try {
                answer = handler.handleWithoutBlocking(query, false);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "DNS UDP answer failed", e);
                continue;
            }
            if (answer == DnsHandler.MAY_BLOCK) {
                answerElsewhere(channel, query, client);
            } else if (answer != null) {
                send(channel, answer, client);
            }
        }
    }

    private void answerElsewhere(DatagramChannel channel, byte[] query, SocketAddress client) {
        if (!udpInFlight.tryAcquire()) {
            return; // overloaded: drop, the client retries
        }
        try {
            threads.execute(() -> {
                try {
                    byte[] answer = handler.handle(query, false);
                    if (answer != null) {
                        send(channel, answer, client);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "DNS UDP answer failed", e);
                } finally {
                    udpInFlight.release();
                }
            });
        } catch (RuntimeException e) {
            udpInFlight.release(); // executor shut down
        }
    }

    private static void send(DatagramChannel channel, byte[] answer, SocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(answer), client);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "DNS UDP send failed", e);
        }
    }

    private void serveTcp(ServerSocket server) {
        while (running) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.log(Level.FINE, "DNS TCP accept failed", e);
                    continue;
                }
                return;
            }
            if (!tcpSlots.tryAcquire()) {
                closeQuietly(s);
                continue;
            }
            synchronized (tcpConnections) {
                tcpConnections.add(s);
            }
            try {
                threads.execute(() -> serveConnection(s));
            } catch (RuntimeException e) {
                release(s);
            }
        }
    }

    /** Queries on one connection, one after another (RFC 7766 allows pipelining; we answer in order). */
    private void serveConnection(Socket s) {
        try (s) {
            s.setSoTimeout(TCP_IDLE_MILLIS);
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (running) {
                int len;
                try {
                    len = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                if (len < DnsHandler.HEADER_LENGTH) {
                    return; // not a DNS message: hang up
                }
                byte[] query = in.readNBytes(len);
                if (query.length != len) {
                    return;
                }
                byte[] answer = handler.handle(query, true);
                if (answer == null) {
                    continue;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // timeouts, resets, clients hanging up mid-message: just close
        } finally {
            release(s);
        }
    }

    private void release(Socket s) {
        synchronized (tcpConnections) {
            if (tcpConnections.remove(s)) {
                tcpSlots.release();
            }
        }
        closeQuietly(s);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized void stop() {
        running = false;
        closeSockets();
        List<Socket> open;
        synchronized (tcpConnections) {
            open = new ArrayList<>(tcpConnections);
        }
        open.forEach(DnsServer::closeQuietly);
        threads.shutdownNow();
    }

    private void closeSockets() {
        udpSockets.forEach(DnsServer::closeQuietly);
        udpSockets.clear();
        tcpSockets.forEach(DnsServer::closeQuietly);
        tcpSockets.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

}
