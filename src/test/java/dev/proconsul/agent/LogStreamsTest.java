package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The monitor's log subscribers: their own level and format, a bounded buffer, and the agent never held up. */
class LogStreamsTest {
    private static final Logger LOG = Logger.getLogger(dev.proconsul.logging.LogNames.AGENT);
    private static final Duration NOW = Duration.ZERO;

    private final LogStreams streams = LogStreams.ofRootLogger();

    @Test
    void aSubscriberAtDebugSeesDebugLinesTheAgentLevelHides() throws Exception {
        Level agentLevel = Logger.getLogger("").getLevel();
        try (LogStreams.Subscription debug = streams.subscribe("debug", false, 16);
             LogStreams.Subscription info = streams.subscribe("INFO", false, 16)) {
            LOG.fine("synced service: service=web");
            LOG.info("agent started");
            LOG.finest("trace detail");

            assertThat(debug.poll(NOW)).matches(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\[DEBUG] [\\w.]+: synced service: service=web\\n");
            assertThat(debug.poll(NOW)).matches(".* \\[INFO]  [\\w.]+: agent started\n");
            assertThat(debug.poll(NOW)).isNull(); // trace is below debug
            assertThat(info.poll(NOW)).matches(".* \\[INFO]  [\\w.]+: agent started\n");
            assertThat(info.poll(NOW)).isNull();
        }
        // With no subscriber left, the agent's own level is back: debug lines cost nothing again.
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(agentLevel);
    }

    @Test
    void errAndErrorAreTheSameLevelAndUnknownLevelsAreRefused() throws Exception {
        assertThat(LogStreams.isValidLevel("err")).isTrue();
        assertThat(LogStreams.isValidLevel("Warn")).isTrue();
        assertThat(LogStreams.isValidLevel("TRACE")).isTrue();
        assertThat(LogStreams.isValidLevel("warning")).isFalse();
        assertThat(LogStreams.isValidLevel("loud")).isFalse();
        try (LogStreams.Subscription err = streams.subscribe("err", false, 16)) {
            LOG.warning("only a warning");
            LOG.severe("a real error");
            assertThat(err.poll(NOW)).matches(".* \\[ERROR] [\\w.]+: a real error\n");
            assertThat(err.poll(NOW)).isNull();
        }
    }

    @Test
    void jsonSubscribersGetOneJsonObjectPerLine() throws Exception {
        try (LogStreams.Subscription json = streams.subscribe("info", true, 16)) {
            LOG.warning("disk \"nearly\" full");
            String line = json.poll(NOW);
            assertThat(line).endsWith("}\n");
            JsonNode o = new ObjectMapper().readTree(line);
            assertThat(o.get("@level").asText()).isEqualTo("warn");
            assertThat(o.get("@message").asText()).isEqualTo("disk \"nearly\" full");
            assertThat(o.get("@module").asText()).isEqualTo("agent");
            assertThat(o.has("@timestamp")).isTrue();
        }
    }

    @Test
    void aSlowReaderLosesLinesAndTheLoggerIsNeverHeldUp() throws Exception {
        try (LogStreams.Subscription slow = streams.subscribe("info", false, 4)) {
            for (int i = 0; i < 10; i++) {
                LOG.info("line " + i); // returns at once although nobody reads
            }
            assertThat(slow.dropped()).isEqualTo(6);
            for (int i = 0; i < 4; i++) {
                assertThat(slow.poll(NOW)).endsWith("line " + i + "\n"); // the oldest are kept, in order
            }
            assertThat(slow.poll(NOW)).isNull();
        }
    }

    @Test
    void aClosedSubscriberReceivesNothing() throws Exception {
        LogStreams.Subscription s = streams.subscribe("info", false, 4);
        s.close();
        LOG.info("after close");
        assertThat(s.poll(NOW)).isNull();
    }
}
