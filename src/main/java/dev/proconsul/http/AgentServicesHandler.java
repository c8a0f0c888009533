package dev.proconsul.http;

import dev.proconsul.structs.GoDuration;
import dev.proconsul.agent.AgentServices;
import dev.proconsul.agent.LocalState;
import dev.proconsul.agent.LocalState.LocalCheck;
import dev.proconsul.agent.LocalState.LocalService;
import dev.proconsul.agent.RegistrationException;
import dev.proconsul.agent.ServiceDefinition;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.JsonConfigParser;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.filter.ResultFilter;
import dev.proconsul.structs.HealthCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's local services: /v1/agent/services, /v1/agent/service/{register,deregister/:id,:id,maintenance/:id},
 * /v1/agent/health/service/{id,name}/:x and /v1/agent/maintenance. Checks live in {@link AgentChecksHandler}.
 */
public final class AgentServicesHandler implements HandlerGroup {
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final AgentServices services;
    private final String datacenter;

    public AgentServicesHandler(AgentServices services, String datacenter) {
        this.services = services;
        this.datacenter = datacenter;
    }

    @Override
    public void register(Routes routes) {
        routes.put("/v1/agent/service/register", this::registerService);
        routes.put("/v1/agent/service/deregister/", this::deregisterService);
        routes.get("/v1/agent/services", this::listServices);
        routes.get("/v1/agent/service/", this::getService);
        routes.put("/v1/agent/service/maintenance/", this::serviceMaintenance);
        routes.put("/v1/agent/maintenance", this::nodeMaintenance);
        routes.get("/v1/agent/health/service/id/", this::healthById);
        routes.get("/v1/agent/health/service/name/", this::healthByName);
    }

    /** Parses a JSON body into a positioned tree; returns the raw text too (persisted as received). */
    static ObjectNode parseBody(ApiRequest req, String[] rawOut) throws Exception {
        byte[] body = req.body(MAX_BODY);
        if (body == null) {
            throw new HttpError(413, "Request body too large, max size: " + MAX_BODY + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw HttpError.badRequest("Request decode failed: EOF");
        }
        rawOut[0] = text;
        try {
            return JsonConfigParser.parse(text, "");
        } catch (ConfigException e) {
            throw HttpError.badRequest("Request decode failed: " + e.reason());
        }
    }

    static HttpError mapped(RegistrationException e) {
        return new HttpError(e.kind() == RegistrationException.Kind.NOT_FOUND ? 404 : 400, e.getMessage());
    }

    private Reply registerService(ApiRequest req) throws Exception {
        String[] raw = new String[1];
        ObjectNode tree = parseBody(req, raw);
        boolean replace = QueryParams.flag(req, "replace-existing-checks",
                "Invalid value for replace-existing-checks");
        ServiceDefinition def;
        try {
            def = ServiceDefinition.read(tree, "");
        } catch (ConfigException e) {
            throw HttpError.badRequest(e.reason());
        }
        try {
            services.registerService(def, LocalState.Source.API, replace, raw[0]);
        } catch (RegistrationException e) {
            throw mapped(e);
        }
        return Reply.empty(200);
    }

    private Reply deregisterService(ApiRequest req) {
        String id = req.remainder();
        if (!services.deregisterService(id)) {
            throw new HttpError(404, "Unknown service ID \"" + id
                    + "\". Ensure that the service ID is passed, not the service name.");
        }
        return Reply.empty(200);
    }

    private Reply listServices(ApiRequest req) {
        ResultFilter filter = ResultFilter.compile(QueryParams.queryOptions(req));
        List<Map<String, Object>> views = new ArrayList<>();
        for (LocalService s : services.state().services()) {
            views.add(AgentServiceView.of(s.service(), datacenter));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> v : filter.apply(views)) {
            out.put((String) v.get("ID"), v);
        }
        return Reply.json(out);
    }

    private Reply getService(ApiRequest req) throws InterruptedException {
        String id = req.remainder();
        String wantHash = req.param("hash");
        Duration wait = req.param("wait") == null ? Duration.ofMinutes(5)
                : GoDuration.parse(req.param("wait"));
        if (wait.compareTo(Duration.ofMinutes(10)) > 0) {
            wait = Duration.ofMinutes(10);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long version = services.state().version();
            LocalService s = services.state().service(id);
            if (s == null) {
                throw new HttpError(404, "unknown service ID: " + id);
            }
            String hash = AgentServiceView.contentHash(AgentServiceView.of(s.service(), datacenter));
            long left = deadline - System.nanoTime();
            if (wantHash == null || wantHash.isEmpty() || !wantHash.equals(hash) || left <= 0) {
                return Reply.json(AgentServiceView.of(s.service(), datacenter, hash))
                        .header("X-Consul-ContentHash", hash);
            }
            services.state().awaitChange(version, Duration.ofNanos(left));
        }
    }

    private Reply serviceMaintenance(ApiRequest req) {
        boolean enable = enableParam(req);
        String id = req.remainder();
        if (id.isEmpty()) {
            throw HttpError.badRequest("Missing service ID");
        }
        try {
            if (enable) {
                services.enableServiceMaintenance(id, req.param("reason"));
            } else {
                services.disableServiceMaintenance(id);
            }
        } catch (RegistrationException e) {
            throw mapped(e);
        }
        return Reply.empty(200);
    }

    private Reply nodeMaintenance(ApiRequest req) {
        if (enableParam(req)) {
            services.enableNodeMaintenance(req.param("reason"));
        } else {
            services.disableNodeMaintenance();
        }
        return Reply.empty(200);
    }

    private static boolean enableParam(ApiRequest req) {
        if (!req.has("enable") || req.param("enable").isEmpty()) {
            throw HttpError.badRequest("Missing value for enable");
        }
        return QueryParams.flag(req, "enable", "Invalid value for enable");
    }

    /** One service with its checks and their aggregate, as /v1/agent/health/service/* answer. */
    private Map<String, Object> health(LocalService s) {
        List<HealthCheck> checks = new ArrayList<>();
        for (LocalCheck c : services.state().checks()) {
            String sid = c.check().serviceId();
            if (sid.isEmpty() || sid.equals(s.service().id())) {
                checks.add(c.check());
            }
        }
        Map<String, Object> out = new JsonStruct();
        out.put("AggregatedStatus", aggregate(checks));
        out.put("Service", AgentServiceView.of(s.service(), datacenter));
        out.put("Checks", checks);
        return out;
    }

    static String aggregate(List<HealthCheck> checks) {
        boolean warning = false;
        for (HealthCheck c : checks) {
            if (HealthCheck.CRITICAL.equals(c.status()) || HealthCheck.MAINTENANCE.equals(c.status())) {
                return HealthCheck.CRITICAL;
            }
            warning |= HealthCheck.WARNING.equals(c.status());
        }
        return warning ? HealthCheck.WARNING : HealthCheck.PASSING;
    }

    static int statusCode(String aggregated) {
        return switch (aggregated) {
            case HealthCheck.PASSING -> 200;
            case HealthCheck.WARNING -> 429;
            default -> 503;
        };
    }

    private Reply healthById(ApiRequest req) {
        String id = req.remainder();
        LocalService s = services.state().service(id);
        boolean text = "text".equals(req.param("format"));
        if (s == null) {
            return Reply.text(404, "ServiceId " + id + " not found");
        }
        Map<String, Object> h = health(s);
        String agg = (String) h.get("AggregatedStatus");
        if (text) {
            return Reply.text(statusCode(agg), agg);
        }
        return jsonWithStatus(statusCode(agg), h);
    }

    private Reply healthByName(ApiRequest req) {
        String name = req.remainder();
        boolean text = "text".equals(req.param("format"));
        List<Map<String, Object>> out = new ArrayList<>();
        List<HealthCheck> all = new ArrayList<>();
        for (LocalService s : services.state().services()) {
            if (s.service().service().equals(name)) {
                Map<String, Object> h = health(s);
                out.add(h);
                @SuppressWarnings("unchecked")
                List<HealthCheck> cs = (List<HealthCheck>) h.get("Checks");
                all.addAll(cs);
            }
        }
        if (out.isEmpty()) {
            return Reply.text(404, "ServiceName " + name + " Not Found");
        }
        String agg = aggregate(all);
        if (text) {
            return Reply.text(statusCode(agg), agg);
        }
        return jsonWithStatus(statusCode(agg), out);
    }

    private static Reply jsonWithStatus(int status, Object value) {
        try {
            return Reply.raw(status, "application/json", JsonCodec.write(value, false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
