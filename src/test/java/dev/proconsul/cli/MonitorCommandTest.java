package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** monitor against an in-process agent: it prints log lines as they happen and says when the agent goes away. */
class MonitorCommandTest {
    private static final Logger LOG = Logger.getLogger("dev.proconsul.agent.MonitorCliProbe");

    @Test
    void printsLinesAsTheyAreLoggedUntilTheAgentGoesAway() throws Exception {
        InProcessAgent agent = new InProcessAgent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                agent.env());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.run(ctx, "monitor", "-log-level=debug"));
        try {
            // Logged until seen: the command subscribes at some point after it starts.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                LOG.fine("cli probe line");
                return out.toString(StandardCharsets.UTF_8).contains("cli probe line");
            });
            assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("cli probe")).findFirst()
                    .orElseThrow()).matches(".*Z \\[DEBUG] [\\w.]+: cli probe line");
        } finally {
            agent.close();
        }
        assertThat(exit.get()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\nRemote side ended the monitor! This usually "
                + "means that the\nremote side has exited or crashed.\n");
    }

    @Test
    void anUnknownLevelFailsToStart() throws Exception {
        try (InProcessAgent agent = new InProcessAgent()) {
            CliRun r = CliRun.run(agent.env(), "", "monitor", "-log-level", "loud");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo(
                    "Error starting monitor: Unexpected response code: 400 (Unknown log level: loud)\n");
        }
    }
}
