package dev.proconsul.http;

/** An endpoint group (catalog, health, kv, ...): registers its routes. One class per group. */
public interface HandlerGroup {
    void register(Routes routes);
}
