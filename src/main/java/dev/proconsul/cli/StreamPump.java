package dev.proconsul.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies a child process's output to ours as it comes, so handlers (lock, watch) print live. */
final class StreamPump {
    private StreamPump() {
    }

    /** Starts copying until {@code from} ends; the returned thread ends with it. */
    static Thread start(InputStream from, OutputStream to) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[8192];
            try (from) {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    // Shared by stdout and stderr pumps of several children: whole chunks, not interleaved bytes.
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
    }
}
