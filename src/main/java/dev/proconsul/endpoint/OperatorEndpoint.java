package dev.proconsul.endpoint;

import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotHealth;
import dev.proconsul.structs.AutopilotState;
import dev.proconsul.structs.RaftConfiguration;

/**
 * Consul's Operator endpoint: the Raft peer set and autopilot. Answers for this server's own view; the cluster
 * issue fills in other servers' health through server RPC.
 */
public interface OperatorEndpoint {
    RaftConfiguration raftConfiguration(String datacenter);

    /** The stored configuration, or Consul's defaults before one is stored. */
    AutopilotConfig autopilotConfiguration(String datacenter);

    /**
     * Stores {@code config} through Raft; with {@code cas}, only if the stored ModifyIndex equals
     * {@code config.modifyIndex()}.
     *
     * @return whether it was stored
     */
    boolean setAutopilotConfiguration(String datacenter, AutopilotConfig config, boolean cas);

    AutopilotHealth autopilotHealth(String datacenter);

    AutopilotState autopilotState(String datacenter);
}
