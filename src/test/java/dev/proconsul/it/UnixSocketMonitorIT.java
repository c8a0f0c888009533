package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent process with {@code addresses { http = "127.0.0.1 unix://…" }}: the CLI reaches it over the socket,
 * and {@code monitor} over the socket follows its log until interrupted.
 */
class UnixSocketMonitorIT {

    @Test
    void agentServesHttpOnAUnixSocketBesideTcpAndMonitorFollowsItsLog(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("consul.sock");
        Files.writeString(sock, "stale"); // left by an earlier agent: replaced, as Consul does
        Path hcl = dir.resolve("agent.hcl");
        Files.writeString(hcl, """
                addresses {
                  http = "127.0.0.1 unix://%s"
                }
                unix_sockets {
                  mode = "0700"
                }
                """.formatted(sock));
        List<String> args = new ArrayList<>(List.of("-dev", "-config-file=" + hcl));
        args.addAll(AgentProcess.freePortFlags());
        try (AgentProcess agent = AgentProcess.start(args)) {
            assertThat(agent.log()).anySatisfy(l -> assertThat(l).contains("Replacing socket: path=" + sock));
            assertThat(agent.log()).anySatisfy(l -> assertThat(l)
                    .contains("Started HTTP server: address=" + sock + " network=unix"));
            assertThat(Files.getPosixFilePermissions(sock)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

            String unix = "unix://" + sock;
            AgentProcess.CliResult put = AgentProcess.Cli.run(unix, null, "kv", "put", "via/socket", "yes");
            assertThat(put.exitCode()).as(put.stderr()).isZero();
            assertThat(AgentProcess.Cli.run(unix, null, "kv", "get", "via/socket").stdout()).isEqualTo("yes\n");
            assertThat(agent.cli("kv", "get", "via/socket").stdout()).isEqualTo("yes\n"); // and over TCP

            Process monitor = new ProcessBuilder(AgentProcess.launcher().toString(), "monitor",
                    "-http-addr=" + unix, "-log-level=debug").redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
                // A client reload logs at info; repeated until the monitor, started concurrently, shows it.
                String seen = null;
                for (int i = 0; i < 120 && seen == null; i++) {
                    AgentProcess.Cli.run(unix, null, "reload");
                    while (seen == null && out.ready()) {
                        String line = out.readLine();
                        if (line.contains("[INFO]") || line.contains("[DEBUG]")) {
                            seen = line;
                        }
                    }
                    if (seen == null) {
                        Thread.sleep(250);
                    }
                }
                assertThat(seen).as("a log line streamed by monitor").isNotNull()
                        .matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\[(INFO|DEBUG)] +\\S+: .*");
                monitor.destroy(); // SIGTERM: the monitor stops cleanly, as on Ctrl-C
                assertThat(monitor.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(monitor.exitValue()).isZero();
            } finally {
                monitor.destroyForcibly();
            }
        }
    }
}
