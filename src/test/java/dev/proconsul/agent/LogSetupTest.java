package dev.proconsul.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogManager.getLogManager().reset();
    }

    /** Stack traces and diagnostics printed to stderr after logging is set up must still reach the terminal. */
    @Test
    void configuringLogsLeavesStderrOpen() {
        TrackingStream err = new TrackingStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LogSetup.configure("info", false, new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger.getLogger("agent").info("hello");
        System.err.println("still here");

        assertFalse(err.closed, "stderr was closed by the log setup");
        assertTrue(err.text().contains("still here"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("[INFO]  agent: hello"), out.toString(StandardCharsets.UTF_8));
    }

    private static final class TrackingStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
