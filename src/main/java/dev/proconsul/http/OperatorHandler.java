package dev.proconsul.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotHealth;
import dev.proconsul.structs.GoDuration;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** /v1/operator/raft/configuration and /v1/operator/autopilot/{configuration,health,state}. */
final class OperatorHandler implements HandlerGroup {
    private static final int MAX_BODY = 64 * 1024;

    private final Endpoints endpoints;

    OperatorHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/operator/raft/configuration",
                req -> Reply.json(endpoints.operator().raftConfiguration(req.param("dc"))));
        routes.add("/v1/operator/autopilot/configuration", Set.of("GET", "PUT"), req -> req.method().equals("GET")
                ? Reply.json(endpoints.operator().autopilotConfiguration(req.param("dc")))
                : setConfiguration(req));
        routes.get("/v1/operator/autopilot/health", req -> {
            AutopilotHealth h = endpoints.operator().autopilotHealth(req.param("dc"));
            // As Consul: an unhealthy cluster answers 429, so load balancers can use the endpoint as a check.
            return h.healthy() ? Reply.json(h)
                    : Reply.raw(429, "application/json", JsonCodec.write(h, req.has("pretty")));
        });
        routes.get("/v1/operator/autopilot/state",
                req -> Reply.json(endpoints.operator().autopilotState(req.param("dc"))));
    }

    /**
     * Consul's AutopilotSetConfiguration: the body's fields (absent ones are zero values, not defaults);
     * {@code ?cas=N} stores only over ModifyIndex N and answers whether it did; otherwise {@code true}.
     */
    private Reply setConfiguration(ApiRequest req) throws IOException {
        JsonNode body = JsonCodec.decodeBody(req.body(MAX_BODY), JsonNode.class);
        long cas = 0;
        boolean isCas = req.has("cas");
        if (isCas) {
            try {
                cas = Long.parseUnsignedLong(req.param("cas"));
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Error parsing cas value: strconv.ParseUint: parsing "
                        + GoDuration.quote(req.param("cas")) + ": invalid syntax");
            }
        }
        AutopilotConfig config = new AutopilotConfig(body.path("CleanupDeadServers").asBoolean(false),
                duration(body.get("LastContactThreshold")), body.path("MaxTrailingLogs").asLong(0),
                body.path("MinQuorum").asLong(0), duration(body.get("ServerStabilizationTime")),
                body.path("RedundancyZoneTag").asText(""), body.path("DisableUpgradeMigration").asBoolean(false),
                body.path("UpgradeVersionTag").asText(""), 0, cas);
        boolean stored = endpoints.operator().setAutopilotConfiguration(req.param("dc"), config, isCas);
        return Reply.json(!isCas || stored);
    }

    /** Consul's ReadableDuration: a Go duration string or a number of nanoseconds. */
    private static String duration(JsonNode v) {
        if (v == null || v.isNull()) {
            return GoDuration.format(Duration.ZERO);
        }
        try {
            return GoDuration.format(v.isNumber() ? Duration.ofNanos(v.asLong()) : GoDuration.parse(v.asText()));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Request decode failed: time: invalid duration " + GoDuration.quote(v.asText()));
        }
    }
}
