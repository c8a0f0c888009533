package dev.proconsul.agent;

import dev.proconsul.config.AgentConfig;
import dev.proconsul.config.ConfigException;
import dev.proconsul.config.ObjectNode;
import dev.proconsul.config.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The services and checks of the config files, decoded and validated as a whole before anything is applied, so a
 * broken file (on start or reload) changes nothing and names its file and line.
 */
public record ConfigDefinitions(List<ServiceDefinition> services, List<CheckDefinition> checks) {

    public static ConfigDefinitions load(AgentConfig config) throws ConfigException {
        return decode(config.services(), config.checks(),
                config.enableScriptChecks() || config.enableLocalScriptChecks());
    }

    static ConfigDefinitions decode(List<ObjectNode> serviceNodes, List<ObjectNode> checkNodes, boolean scripts)
            throws ConfigException {
        List<ServiceDefinition> services = new ArrayList<>();
        Map<String, Position> serviceIds = new HashMap<>();
        for (ObjectNode n : serviceNodes) {
            ServiceDefinition s = ServiceDefinition.read(n, "service");
            Position earlier = serviceIds.putIfAbsent(s.serviceId(), n.position());
            if (earlier != null) {
                throw new ConfigException(n.position().withoutColumn(), "service: duplicate service ID \""
                        + s.serviceId() + "\" (first defined at " + earlier.withoutColumn() + ")");
            }
            for (CheckDefinition c : s.checks()) {
                requireScriptsAllowed(c, n, scripts);
            }
            if (s.sidecar() != null) {
                for (CheckDefinition c : s.sidecar().checks()) {
                    requireScriptsAllowed(c, n, scripts);
                }
            }
            services.add(s);
        }
        List<CheckDefinition> checks = new ArrayList<>();
        Map<String, Position> checkIds = new HashMap<>();
        for (ObjectNode n : checkNodes) {
            CheckDefinition c = CheckDefinition.read(new DefinitionFields(n, "check"), null);
            if (c.name().isEmpty()) {
                throw new ConfigException(n.position().withoutColumn(), "check: Missing check name");
            }
            String id = c.id().isEmpty() ? c.name() : c.id();
            Position earlier = checkIds.putIfAbsent(id, n.position());
            if (earlier != null) {
                throw new ConfigException(n.position().withoutColumn(), "check: duplicate check ID \"" + id
                        + "\" (first defined at " + earlier.withoutColumn() + ")");
            }
            if (!c.serviceId().isEmpty() && !serviceIds.containsKey(c.serviceId())) {
                throw new ConfigException(n.position().withoutColumn(),
                        "check: ServiceID \"" + c.serviceId() + "\" does not exist");
            }
            requireScriptsAllowed(c, n, scripts);
            checks.add(c);
        }
        return new ConfigDefinitions(List.copyOf(services), List.copyOf(checks));
    }

    private static void requireScriptsAllowed(CheckDefinition c, ObjectNode at, boolean scripts)
            throws ConfigException {
        if (CheckDefinition.SCRIPT.equals(c.type()) && !scripts) {
            throw new ConfigException(at.position().withoutColumn(), AgentServices.SCRIPTS_DISABLED);
        }
    }
}
