package dev.proconsul.http;

import java.util.Set;

/** PUT /v1/agent/reload: re-reads the agent's config files; a broken file is reported and changes nothing. */
public final class AgentReloadHandler implements HandlerGroup {
    /** What reload does; throws with a file:line message when the config is broken. */
    @FunctionalInterface
    public interface Reload {
        void reload() throws Exception;
    }

    private final Reload reload;

    public AgentReloadHandler(Reload reload) {
        this.reload = reload;
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/agent/reload", Set.of("PUT", "POST"), req -> {
            try {
                reload.reload();
            } catch (Exception e) {
                throw new HttpError(500, "Failed reloading config: " + e.getMessage());
            }
            return Reply.empty(200);
        });
    }
}
