package dev.proconsul.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * An open {@code /v1/agent/monitor} stream: the agent's log lines one at a time, as they happen. Close it (from
 * any thread) to stop; {@link #nextLine} then answers null.
 */
public final class LogMonitor implements AutoCloseable {
    private final ConsulHttp.Streamed stream;
    private final BufferedReader lines;
    private volatile boolean closed;

    LogMonitor(ConsulHttp.Streamed stream) {
        this.stream = stream;
        this.lines = new BufferedReader(new InputStreamReader(stream.exchange().body(), StandardCharsets.UTF_8));
    }

    /**
     * The next line without its newline; blocks until one is logged. Null once the agent ended the stream (it
     * stopped) or this monitor was closed.
     *
     * @throws ConsulConnectionException when the connection broke
     */
    public String nextLine() {
        try {
            return lines.readLine();
        } catch (IOException e) {
            if (closed) {
                return null;
            }
            throw new ConsulConnectionException("Error reading monitor stream: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            stream.close();
        } catch (IOException e) {
            // closing a broken stream: nothing left to release
        }
    }
}
