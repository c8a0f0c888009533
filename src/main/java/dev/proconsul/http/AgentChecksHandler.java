package dev.proconsul.http;

import dev.proconsul.agent.AgentServices;
import dev.proconsul.agent.CheckDefinition;
import dev.proconsul.agent.LocalState;
import dev.proconsul.agent.LocalState.LocalCheck;
import dev.proconsul.agent.RegistrationException;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.filter.ResultFilter;
import dev.proconsul.structs.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /v1/agent/checks and /v1/agent/check/{register,deregister,pass,warn,fail,update}. */
public final class AgentChecksHandler implements HandlerGroup {
    private final AgentServices services;

    public AgentChecksHandler(AgentServices services) {
        this.services = services;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/agent/checks", this::listChecks);
        routes.put("/v1/agent/check/register", this::registerCheck);
        routes.put("/v1/agent/check/deregister/", req -> {
            String id = req.remainder();
            if (!services.deregisterCheck(id)) {
                throw new HttpError(404, unknownCheck(id));
            }
            return Reply.empty(200);
        });
        routes.put("/v1/agent/check/pass/", req -> ttl(req, HealthCheck.PASSING, req.param("note")));
        routes.put("/v1/agent/check/warn/", req -> ttl(req, HealthCheck.WARNING, req.param("note")));
        routes.put("/v1/agent/check/fail/", req -> ttl(req, HealthCheck.CRITICAL, req.param("note")));
        routes.put("/v1/agent/check/update/", this::update);
    }

    static String unknownCheck(String id) {
        return "Unknown check ID \"" + id + "\". Ensure that the check ID is passed, not the check name.";
    }

    private Reply listChecks(ApiRequest req) {
        ResultFilter filter = ResultFilter.compile(QueryParams.queryOptions(req));
        List<HealthCheck> rows = new ArrayList<>();
        for (LocalCheck c : services.state().checks()) {
            rows.add(c.check());
        }
        Map<String, HealthCheck> out = new LinkedHashMap<>();
        for (HealthCheck c : filter.apply(rows)) {
            out.put(c.checkId(), c);
        }
        return Reply.json(out);
    }

    private Reply registerCheck(ApiRequest req) throws Exception {
        String[] raw = new String[1];
        ObjectNode tree = AgentServicesHandler.parseBody(req, raw);
        CheckDefinition def;
        try {
            def = CheckDefinition.read(tree);
        } catch (ConfigException e) {
            throw HttpError.badRequest(e.reason());
        }
        try {
            services.registerCheck(def, LocalState.Source.API, raw[0]);
        } catch (RegistrationException e) {
            throw AgentServicesHandler.mapped(e);
        }
        return Reply.empty(200);
    }

    private Reply ttl(ApiRequest req, String status, String note) {
        try {
            services.updateTtl(req.remainder(), status, note == null ? "" : note);
        } catch (RegistrationException e) {
            throw AgentServicesHandler.mapped(e);
        }
        return Reply.empty(200);
    }

    /** PUT /v1/agent/check/update/:id with {"Status": ..., "Output": ...}. */
    private Reply update(ApiRequest req) throws Exception {
        String[] raw = new String[1];
        ObjectNode tree = AgentServicesHandler.parseBody(req, raw);
        Map<String, Object> plain = tree.toPlain();
        String status = null;
        String output = "";
        for (var e : plain.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Status") && e.getValue() instanceof String s) {
                status = s;
            } else if (e.getKey().equalsIgnoreCase("Output") && e.getValue() instanceof String s) {
                output = s;
            }
        }
        if (status == null || !List.of(HealthCheck.PASSING, HealthCheck.WARNING, HealthCheck.CRITICAL)
                .contains(status)) {
            throw HttpError.badRequest("Invalid check status: '" + (status == null ? "" : status) + "'");
        }
        return ttl(req, status, output);
    }
}
