package dev.proconsul.cli;

/** Go's Uint64Var parsing, with its error wording. */
final class Uints {
    private Uints() {
    }

    static long parse(String value, String flag) {
        try {
            return Long.parseUnsignedLong(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandFailed(GoFlagSet.invalidValue(value, flag));
        }
    }
}
