package dev.proconsul.agent.checks;

import java.time.Duration;

/** One attempt of an interval check. An exception counts as critical with its message as output. */
@FunctionalInterface
public interface Probe {
    CheckResult run(Duration timeout) throws Exception;
}
