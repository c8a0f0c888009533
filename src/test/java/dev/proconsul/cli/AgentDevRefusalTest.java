package dev.proconsul.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `agent -dev -bootstrap-expect=N` is refused before anything starts, in Consul's words. */
class AgentDevRefusalTest {
    @Test
    void devModeWithBootstrapExpectPrintsConsulsLineAndExitsOne() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliRun r;
        try {
            // The agent reports start-up failures on the process' stderr, as Consul's agent command does.
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            r = CliRun.run("agent", "-dev", "-bootstrap-expect=3");
        } finally {
            System.setErr(saved);
        }
        assertThat(r.exit()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8) + r.err())
                .isEqualTo("==> 'bootstrap_expect > 0' not allowed in dev mode\n");
    }
}
