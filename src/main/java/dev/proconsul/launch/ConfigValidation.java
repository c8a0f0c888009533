package dev.proconsul.launch;

import dev.proconsul.agent.ConfigDefinitions;
import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code validate} checks: everything the agent would refuse at start, the config itself and the service and
 * check definitions in it (durations, check types, duplicate IDs, sidecar ports), without starting anything.
 */
public final class ConfigValidation {
    private ConfigValidation() {
    }

    /**
     * @param format "hcl", "json" or null to go by file extensions
     * @throws ConfigException the first problem, with its file and line
     */
    public static AgentConfig validate(List<Path> paths, String format) throws ConfigException {
        AgentConfig config = ConfigLoader.load(false, paths, List.of(), Map.of(), format);
        ConfigDefinitions.load(config);
        return config;
    }
}
