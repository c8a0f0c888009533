package dev.proconsul.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Entry point of `proconsul agent`: loads config, starts the agent, blocks until it shuts down. */
public final class AgentMain {
    private AgentMain() {
    }

    /**
     * @param dev         the -dev flag
     * @param configFiles -config-file values, in order
     * @param configDirs  -config-dir values, in order
     * @param overrides   flag values as Consul config keys (e.g. {"ports": {"http": 8500}, "server": true}); they
     *                    override files
     * @return the process exit code
     */
    public static int run(boolean dev, List<Path> configFiles, List<Path> configDirs, Map<String, Object> overrides) {
        throw new UnsupportedOperationException("skeleton: wired by the integration step");
    }
}
