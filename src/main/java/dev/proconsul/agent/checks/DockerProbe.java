package dev.proconsul.agent.checks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A Docker check: runs the args inside a running container through the engine's exec API and maps the exit code
 * like a script check. When the engine cannot be reached the check goes critical saying so.
 */
public final class DockerProbe implements Probe {
    private final DockerEngine engine;
    private final String containerId;
    private final List<String> cmd;

    public DockerProbe(DockerEngine engine, String containerId, List<String> cmd) {
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("a Docker check needs args to run in the container");
        }
        this.engine = engine;
        this.containerId = containerId;
        this.cmd = List.copyOf(cmd);
    }

    @Override
    public CheckResult run(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            String execId = engine.createExec(containerId, cmd, deadline);
            String output = engine.startExec(execId, deadline, OutputLimit.DEFAULT_MAX);
            int code = engine.inspectExec(execId, deadline);
            return ScriptProbe.fromExitCode(code, output);
        } catch (DockerEngine.UnreachableException e) {
            return CheckResult.critical("Unable to connect to Docker: " + e.getMessage());
        } catch (IOException e) {
            return CheckResult.critical(e.getMessage());
        }
    }
}
