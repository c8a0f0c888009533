package dev.proconsul.agent.checks;

/** Where a runner reports the status it found (the agent's local state, through thresholds). */
@FunctionalInterface
public interface StatusSink {
    void update(String status, String output);
}
