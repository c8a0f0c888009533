package dev.proconsul.launch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The launcher's training run for the JVM's ahead-of-time cache (JDK 25+, see bin/lib/common.sh): an agent started
 * with {@code -Dproconsul.aot.training=true} comes up, serves a short typical load, and stops. The cache then holds
 * the classes of those paths and their method profiles, so a fresh agent neither loads them on its first requests
 * nor has to profile them again before the JIT compiles them: the first request after a start is part of
 * start-to-ready, and the first rounds of blocking-query wake-ups were several times slower than later ones.
 */
final class StartupTraining {
    static final String PROPERTY = "proconsul.aot.training";
    private static final String PREFIX = "/v1/kv/proconsul-training/";
    private static final int WRITES = 200;
    private static final int WATCHERS = 32;
    private static final int WAKE_ROUNDS = 20;

    private StartupTraining() {
    }

    /** Runs the load against the agent on {@code httpPort}; failures only make the cache less complete. */
    static void exercise(int httpPort) {
        if (httpPort <= 0) {
            return;
        }
        try (Connection c = new Connection(httpPort)) {
            c.exchange("GET /v1/status/leader", null);
            c.exchange("GET /v1/catalog/services", null);
            for (int i = 0; i < WRITES; i++) {
                String key = PREFIX + "k" + (i % 50);
                c.exchange("PUT " + key, "value-" + i);
                c.exchange("GET " + key + (i % 2 == 0 ? "" : "?stale"), null);
            }
            long index = c.exchange("GET " + PREFIX + "?recurse", null);
            AtomicLong last = new AtomicLong(Long.MAX_VALUE);
            List<Thread> watchers = new ArrayList<>();
            for (int w = 0; w < WATCHERS; w++) {
                long from = index;
                watchers.add(Thread.ofVirtual().start(() -> watch(httpPort, from, last)));
            }
            for (int r = 0; r < WAKE_ROUNDS; r++) {
                Thread.sleep(20); // let the watchers park again
                c.exchange("PUT " + PREFIX + "w" + r, "round-" + r);
            }
            last.set(c.exchange("GET " + PREFIX + "?recurse", null));
            for (Thread t : watchers) {
                t.join(5_000);
            }
        } catch (IOException e) {
            // a partial training run still yields a useful cache
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One blocking-query client: parks on the prefix and re-parks after each change until the last write. */
    private static void watch(int httpPort, long fromIndex, AtomicLong last) {
        try (Connection c = new Connection(httpPort)) {
            long index = fromIndex;
            while (index < last.get()) {
                index = c.exchange("GET " + PREFIX + "?recurse&index=" + index + "&wait=1s", null);
            }
        } catch (IOException e) {
            // the agent is stopping, or the round was missed: training only
        }
    }

    /**
     * A minimal keep-alive HTTP/1.1 client: enough for the agent's own answers (Content-Length bodies). Not the
     * project's api client: that one is the CLI's (layering) and would put the JDK's HTTP client classes into the
     * cache, which every agent then loads at start.
     */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(15_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** Sends "METHOD target" (with a body if given), reads the answer, returns its X-Consul-Index (or 0). */
        long exchange(String methodAndTarget, String body) throws IOException {
            StringBuilder req = new StringBuilder(methodAndTarget).append(" HTTP/1.1\r\nHost: localhost\r\n");
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            long index = 0;
            int length = 0;
            String line;
            while (!(line = readLine()).isEmpty()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("x-consul-index:")) {
                    index = Long.parseLong(line.substring(15).trim());
                }
            }
            if (in.readNBytes(length).length != length) {
                throw new IOException("connection closed inside a body");
            }
            return index;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
