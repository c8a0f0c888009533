package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proconsul.logging.LogNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Lines carry Consul's subsystem names: ours as declared, Ratis' and Jetty's as the subsystem they serve. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "agent.server.raft, agent.server.raft",
            "agent.dns, agent.dns",
            "agent, agent",
            "'', agent",
            "org.apache.ratis.server.impl.RaftServerImpl, agent.server.raft",
            "org.apache.ratis.grpc.server.GrpcLogAppender, agent.server.raft",
            "org.eclipse.jetty.server.Server, agent.http",
            "io.netty.util.ResourceLeakDetector, ResourceLeakDetector"})
    void printedNames(String logger, String printed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogSetup.configure("info", false, new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger.getLogger(logger).warning("something");
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("[WARN]  " + printed + ": something"
                + System.lineSeparator());
    }

    @Test
    void jsonLinesCarryTheNameAsModule() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogSetup.configure("info", true, new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger.getLogger("org.apache.ratis.server.RaftServer").warning("slow");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("{\"@level\":\"warn\",\"@message\":\"slow\",\"@module\":\"agent.server.raft\",");
    }

    @Test
    void everyNameIsUnderConsulsAgentRoot() throws IllegalAccessException {
        for (Field f : LogNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                assertThat((String) f.get(null)).as(f.getName()).matches("agent(\\.[a-z_]+)*");
            }
        }
    }

    /**
     * One facade and one home for names: our code logs through java.util.logging only (SLF4J is there for Ratis and
     * Jetty, bridged to JUL), and every logger it declares takes its name from LogNames.
     */
    @Test
    void ourCodeDeclaresLoggersOnlyWithLogNames() throws IOException {
        Pattern getLogger = Pattern.compile("getLogger\\(([^)]*)\\)");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/proconsul"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (file.endsWith("LogSetup.java")) {
                    continue; // configures the root and the library loggers by their own names
                }
                String text = Files.readString(file);
                if (text.contains("org.slf4j")) {
                    offenders.add(file + ": uses SLF4J");
                }
                Matcher m = getLogger.matcher(text);
                while (m.find()) {
                    if (!m.group(1).startsWith("LogNames.")) {
                        offenders.add(file + ": getLogger(" + m.group(1) + ")");
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
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
