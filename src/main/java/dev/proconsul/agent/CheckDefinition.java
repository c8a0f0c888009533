package dev.proconsul.agent;

import dev.proconsul.structs.GoDuration;
import dev.proconsul.config.ConfigException;
import dev.proconsul.structs.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check as a user defines it (a config {@code check {}} block, a service's {@code check}/{@code checks}, or
 * the body of /v1/agent/check/register): what to probe, how often, and the thresholds that smooth its status.
 * Durations are null when unset.
 */
public record CheckDefinition(
        String id,
        String name,
        String notes,
        String serviceId,
        String status,
        Duration ttl,
        String http,
        String method,
        Map<String, List<String>> header,
        String body,
        boolean tlsSkipVerify,
        String tlsServerName,
        boolean disableRedirects,
        String tcp,
        String udp,
        String grpc,
        boolean grpcUseTls,
        String h2ping,
        boolean h2pingUseTls,
        String aliasNode,
        String aliasService,
        List<String> args,
        String dockerContainerId,
        String shell,
        Duration interval,
        Duration timeout,
        int successBeforePassing,
        int failuresBeforeWarning,
        int failuresBeforeCritical,
        Duration deregisterCriticalServiceAfter,
        String osService) {

    public static final String TTL = "ttl";
    public static final String HTTP = "http";
    public static final String TCP = "tcp";
    public static final String UDP = "udp";
    public static final String GRPC = "grpc";
    public static final String H2PING = "h2ping";
    public static final String ALIAS = "alias";
    public static final String SCRIPT = "script";
    public static final String DOCKER = "docker";
    public static final String OS_SERVICE = "os_service";

    /** Reads a standalone check (the body of /v1/agent/check/register). */
    public static CheckDefinition read(dev.proconsul.config.ObjectNode obj) throws ConfigException {
        return read(new DefinitionFields(obj, ""), null);
    }

    /** Reads a check; {@code serviceId} is the owning service for checks nested in a service definition. */
    static CheckDefinition read(DefinitionFields f, String owningServiceId) throws ConfigException {
        String status = f.string("Status");
        if (!status.isEmpty() && !List.of(HealthCheck.PASSING, HealthCheck.WARNING, HealthCheck.CRITICAL)
                .contains(status)) {
            throw f.error("Status", "Status must be one of passing, warning, critical; got \"" + status + "\"");
        }
        CheckDefinition c = new CheckDefinition(
                f.string("CheckID", "ID"),
                f.string("Name"),
                f.string("Notes"),
                owningServiceId != null ? owningServiceId : f.string("ServiceID"),
                status,
                f.duration("TTL"),
                f.string("HTTP"),
                f.string("Method"),
                f.headers("Header"),
                f.string("Body"),
                f.bool("TLSSkipVerify"),
                f.string("TLSServerName"),
                f.bool("DisableRedirects"),
                f.string("TCP"),
                f.string("UDP"),
                f.string("GRPC"),
                f.bool("GRPCUseTLS"),
                f.string("H2PING"),
                f.bool("H2PingUseTLS"),
                f.string("AliasNode"),
                f.string("AliasService"),
                f.strings("Args", "ScriptArgs"),
                f.string("DockerContainerID"),
                f.string("Shell"),
                f.duration("Interval"),
                f.duration("Timeout"),
                f.integer("SuccessBeforePassing", 0, Integer.MAX_VALUE),
                f.integer("FailuresBeforeWarning", 0, Integer.MAX_VALUE),
                f.integer("FailuresBeforeCritical", 0, Integer.MAX_VALUE),
                f.duration("DeregisterCriticalServiceAfter"),
                f.string("OSService"));
        if (f.has("Script")) {
            throw f.error("Script", "the script field was removed in Consul 1.1; use args");
        }
        String problem = c.validate();
        if (problem != null) {
            throw f.error("Invalid check: " + problem);
        }
        return c;
    }

    /** Consul's check type name; null when the definition names no way of checking. */
    public String type() {
        if (!args.isEmpty() && dockerContainerId.isEmpty()) {
            return SCRIPT;
        }
        if (!dockerContainerId.isEmpty()) {
            return DOCKER;
        }
        if (!http.isEmpty()) {
            return HTTP;
        }
        if (!tcp.isEmpty()) {
            return TCP;
        }
        if (!udp.isEmpty()) {
            return UDP;
        }
        if (!grpc.isEmpty()) {
            return GRPC;
        }
        if (!h2ping.isEmpty()) {
            return H2PING;
        }
        if (!osService.isEmpty()) {
            return OS_SERVICE;
        }
        if (isAlias()) {
            return ALIAS;
        }
        if (ttl != null && !ttl.isZero()) {
            return TTL;
        }
        return null;
    }

    public boolean isAlias() {
        return !aliasNode.isEmpty() || !aliasService.isEmpty();
    }

    private boolean needsInterval() {
        String t = type();
        return t != null && !t.equals(TTL) && !t.equals(ALIAS);
    }

    /** Consul's validation, in its words; null when valid. */
    String validate() {
        boolean hasInterval = interval != null && interval.compareTo(Duration.ZERO) > 0;
        boolean hasTtl = ttl != null && ttl.compareTo(Duration.ZERO) > 0;
        if (type() == null) {
            return "Must provide TTL or Script/DockerContainerID/HTTP/TCP/UDP/GRPC/H2PING/OSService/Alias and "
                    + "Interval";
        }
        if (hasInterval && hasTtl) {
            return "Interval and TTL cannot both be specified";
        }
        if (needsInterval() && !hasInterval) {
            return "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP, gRPC or Docker checks";
        }
        if (isAlias() && hasTtl) {
            return "TTL must be not be set for Alias checks";
        }
        if (isAlias() && hasInterval) {
            return "Interval cannot be set for Alias checks";
        }
        if (timeout != null && timeout.isNegative()) {
            return "Timeout must be >= 0";
        }
        if (!method.isEmpty() && !method.matches("[A-Za-z]+")) {
            return "Method \"" + method + "\" is not a valid HTTP method";
        }
        return null;
    }

    /** This definition with a different ID (and service), e.g. once the agent picked a default ID. */
    CheckDefinition withIds(String checkId, String name, String owningService) {
        return new CheckDefinition(checkId, name, notes, owningService, status, ttl, http, method, header, body,
                tlsSkipVerify, tlsServerName, disableRedirects, tcp, udp, grpc, grpcUseTls, h2ping, h2pingUseTls,
                aliasNode, aliasService, args, dockerContainerId, shell, interval, timeout, successBeforePassing,
                failuresBeforeWarning, failuresBeforeCritical, deregisterCriticalServiceAfter, osService);
    }

    /** The Definition object Consul shows on a check: the probe's target and its timings. */
    Map<String, Object> definitionView() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!http.isEmpty()) {
            d.put("HTTP", http);
            d.put("Header", header);
            d.put("Method", method);
            d.put("Body", body);
            d.put("TLSServerName", tlsServerName);
            d.put("TLSSkipVerify", tlsSkipVerify);
            d.put("DisableRedirects", disableRedirects);
        }
        if (!tcp.isEmpty()) {
            d.put("TCP", tcp);
        }
        if (!udp.isEmpty()) {
            d.put("UDP", udp);
        }
        if (!grpc.isEmpty()) {
            d.put("GRPC", grpc);
            d.put("GRPCUseTLS", grpcUseTls);
        }
        if (!h2ping.isEmpty()) {
            d.put("H2PING", h2ping);
            d.put("H2PingUseTLS", h2pingUseTls);
        }
        if (!args.isEmpty()) {
            d.put("ScriptArgs", args);
        }
        d.put("Interval", GoDuration.format(interval));
        d.put("Timeout", GoDuration.format(timeout));
        d.put("DeregisterCriticalServiceAfter", GoDuration.format(deregisterCriticalServiceAfter));
        return d;
    }
}
