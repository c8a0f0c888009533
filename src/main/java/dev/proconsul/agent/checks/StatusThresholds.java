package dev.proconsul.agent.checks;

/**
 * success_before_passing, failures_before_warning and failures_before_critical: a status reaches the agent only
 * after that many consecutive results agree, so one flaky probe does not flap the service. failures_before_warning
 * defaults to failures_before_critical, as in Consul.
 */
public final class StatusThresholds implements StatusSink {
    private final StatusSink inner;
    private final int successBeforePassing;
    private final int failuresBeforeWarning;
    private final int failuresBeforeCritical;
    private int successes;
    private int failures;

    public StatusThresholds(StatusSink inner, int successBeforePassing, int failuresBeforeWarning,
                            int failuresBeforeCritical) {
        this.inner = inner;
        this.successBeforePassing = successBeforePassing;
        this.failuresBeforeCritical = failuresBeforeCritical;
        this.failuresBeforeWarning = failuresBeforeWarning > 0 ? failuresBeforeWarning : failuresBeforeCritical;
    }

    @Override
    public synchronized void update(String status, String output) {
        if (CheckResult.PASSING.equals(status) || CheckResult.WARNING.equals(status)) {
            successes++;
            failures = 0;
            if (successes >= successBeforePassing) {
                inner.update(status, output);
            }
            return;
        }
        successes = 0;
        failures++;
        if (failures >= failuresBeforeCritical) {
            inner.update(CheckResult.CRITICAL, output);
        } else if (failures >= failuresBeforeWarning) {
            inner.update(CheckResult.WARNING, output);
        }
    }
}
