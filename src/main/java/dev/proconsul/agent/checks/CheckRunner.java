package dev.proconsul.agent.checks;

/** A running check; closing it stops all its work. */
public interface CheckRunner extends AutoCloseable {
    void start();

    @Override
    void close();
}
