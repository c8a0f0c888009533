package dev.proconsul.cli;

/** Ends a command early with one error line on stderr and exit code 1. */
final class CommandFailed extends RuntimeException {
    CommandFailed(String line) {
        super(line, null, false, false);
    }
}
