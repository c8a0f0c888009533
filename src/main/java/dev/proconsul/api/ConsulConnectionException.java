package dev.proconsul.api;

/**
 * No HTTP answer: the agent could not be reached or the exchange broke. The message follows Go's wording so that
 * CLI output matches Consul's, e.g.
 * {@code Get "http://127.0.0.1:8500/v1/kv/a": dial tcp 127.0.0.1:8500: connect: connection refused}.
 */
public class ConsulConnectionException extends ConsulException {
    public ConsulConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
