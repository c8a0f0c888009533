package dev.proconsul.agent;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;

/**
 * A part of the agent outside its services and checks (DNS, for one) that follows config reloads. Reloads are two
 * steps so a bad setting in any part leaves every part as it was: all parts prepare, then all commit.
 */
@FunctionalInterface
public interface ReloadParticipant {
    /**
     * Checks the new config and returns what applies it.
     *
     * @throws ConfigException when the new config is not acceptable to this part; nothing has changed
     */
    Runnable prepare(AgentConfig fresh) throws ConfigException;
}
