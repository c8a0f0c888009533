package dev.proconsul.agent;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;

/** Loads the agent's configuration again from the same files, directories and flags it started with. */
@FunctionalInterface
public interface ConfigReloader {
    AgentConfig load() throws ConfigException;
}
