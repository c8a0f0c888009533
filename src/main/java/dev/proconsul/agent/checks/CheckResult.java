package dev.proconsul.agent.checks;

/** What one probe found: passing, warning or critical, with the output a user sees on the check. */
public record CheckResult(String status, String output) {
    public static final String PASSING = "passing";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public static CheckResult passing(String output) {
        return new CheckResult(PASSING, output);
    }

    public static CheckResult warning(String output) {
        return new CheckResult(WARNING, output);
    }

    public static CheckResult critical(String output) {
        return new CheckResult(CRITICAL, output);
    }
}
