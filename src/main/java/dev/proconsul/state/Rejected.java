package dev.proconsul.state;

/** A command the store refuses, with the user-facing message; the transaction it aborts changes nothing. */
final class Rejected extends Exception {
    Rejected(String message) {
        super(message, null, false, false);
    }
}
