package dev.proconsul.agent;

import dev.proconsul.structs.Member;
import java.util.List;
import java.util.Map;

/** What the edge adapters (HTTP, DNS) need from the running agent. */
public interface LocalAgent {
    String nodeName();

    String nodeId();

    String datacenter();

    /** e.g. "1.22.0" — the Consul version we are compatible with. */
    String version();

    boolean isServer();

    Member self();

    List<Member> lanMembers();

    /** The "Config" object of /v1/agent/self. */
    Map<String, Object> selfConfig();

    /** The "DebugConfig" object of /v1/agent/self: the effective runtime configuration, ports as bound. */
    Map<String, Object> debugConfig();

    /** Node meta of this agent. */
    Map<String, String> nodeMeta();

    /** Asks the agent to leave and shut down gracefully (returns immediately). */
    void leave();
}
