package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The proxy block of a connect-proxy service (Consul's ConnectProxyConfig). Absent fields are null and left out of
 * the JSON, as Consul's omitempty does; {@code config} is the free-form proxy configuration; {@code rest} keeps
 * what Proconsul does not type and the key order a client sent (see {@link JsonRest}).
 */
public record Proxy(
        List<EnvoyExtension> envoyExtensions,
        String destinationServiceName,
        String destinationServiceId,
        String localServiceAddress,
        Integer localServicePort,
        String localServiceSocketPath,
        String mode,
        TransparentProxyConfig transparentProxy,
        Map<String, Object> config,
        List<Upstream> upstreams,
        MeshGatewayConfig meshGateway,
        ExposeConfig expose,
        AccessLogsConfig accessLogs,
        JsonRest rest) {

    public static final Proxy EMPTY = builder().build();

    public Proxy {
        envoyExtensions = envoyExtensions == null ? null : List.copyOf(envoyExtensions);
        upstreams = upstreams == null ? null : List.copyOf(upstreams);
        rest = rest == null ? JsonRest.NONE : rest;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.envoyExtensions = envoyExtensions;
        b.destinationServiceName = destinationServiceName;
        b.destinationServiceId = destinationServiceId;
        b.localServiceAddress = localServiceAddress;
        b.localServicePort = localServicePort;
        b.localServiceSocketPath = localServiceSocketPath;
        b.mode = mode;
        b.transparentProxy = transparentProxy;
        b.config = config;
        b.upstreams = upstreams;
        b.meshGateway = meshGateway;
        b.expose = expose;
        b.accessLogs = accessLogs;
        b.rest = rest;
        return b;
    }

    @JsonCreator
    public static Proxy fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        Builder b = builder();
        b.envoyExtensions = f.objects("EnvoyExtensions", EnvoyExtension::fromJson);
        b.destinationServiceName = f.string("DestinationServiceName");
        b.destinationServiceId = f.string("DestinationServiceID");
        b.localServiceAddress = f.string("LocalServiceAddress");
        b.localServicePort = f.integer("LocalServicePort");
        b.localServiceSocketPath = f.string("LocalServiceSocketPath");
        b.mode = f.string("Mode");
        b.transparentProxy = f.object("TransparentProxy", TransparentProxyConfig::fromJson);
        b.config = f.map("Config");
        b.upstreams = f.objects("Upstreams", Upstream::fromJson);
        b.meshGateway = f.object("MeshGateway", MeshGatewayConfig::fromJson);
        b.expose = f.object("Expose", ExposeConfig::fromJson);
        b.accessLogs = f.object("AccessLogs", AccessLogsConfig::fromJson);
        b.rest = f.rest();
        return b.build();
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("EnvoyExtensions", envoyExtensions)
                .put("DestinationServiceName", destinationServiceName)
                .put("DestinationServiceID", destinationServiceId).put("LocalServiceAddress", localServiceAddress)
                .put("LocalServicePort", localServicePort).put("LocalServiceSocketPath", localServiceSocketPath)
                .put("Mode", mode).put("TransparentProxy", transparentProxy).put("Config", config)
                .put("Upstreams", upstreams).put("MeshGateway", meshGateway).put("Expose", expose)
                .put("AccessLogs", accessLogs).build();
    }

    /** Builds a Proxy naming only the fields that are set. */
    public static final class Builder {
        private List<EnvoyExtension> envoyExtensions;
        private String destinationServiceName;
        private String destinationServiceId;
        private String localServiceAddress;
        private Integer localServicePort;
        private String localServiceSocketPath;
        private String mode;
        private TransparentProxyConfig transparentProxy;
        private Map<String, Object> config;
        private List<Upstream> upstreams;
        private MeshGatewayConfig meshGateway;
        private ExposeConfig expose;
        private AccessLogsConfig accessLogs;
        private JsonRest rest = JsonRest.NONE;

        private Builder() {
        }

        public Builder envoyExtensions(List<EnvoyExtension> v) {
            envoyExtensions = v;
            return this;
        }

        public Builder destinationServiceName(String v) {
            destinationServiceName = v;
            return without("DestinationServiceName");
        }

        public Builder destinationServiceId(String v) {
            destinationServiceId = v;
            return without("DestinationServiceID");
        }

        public Builder localServiceAddress(String v) {
            localServiceAddress = v;
            return without("LocalServiceAddress");
        }

        public Builder localServicePort(Integer v) {
            localServicePort = v;
            return without("LocalServicePort");
        }

        public Builder localServiceSocketPath(String v) {
            localServiceSocketPath = v;
            return this;
        }

        public Builder mode(String v) {
            mode = v;
            return this;
        }

        public Builder transparentProxy(TransparentProxyConfig v) {
            transparentProxy = v;
            return this;
        }

        public Builder config(Map<String, Object> v) {
            config = v;
            return this;
        }

        public Builder upstreams(List<Upstream> v) {
            upstreams = v;
            return this;
        }

        public Builder meshGateway(MeshGatewayConfig v) {
            meshGateway = v;
            return this;
        }

        public Builder expose(ExposeConfig v) {
            expose = v;
            return this;
        }

        public Builder accessLogs(AccessLogsConfig v) {
            accessLogs = v;
            return this;
        }

        /** A typed value set now replaces an untyped one kept under the same name. */
        private Builder without(String jsonField) {
            rest = rest.without(jsonField);
            return this;
        }

        public Proxy build() {
            return new Proxy(envoyExtensions, destinationServiceName, destinationServiceId, localServiceAddress,
                    localServicePort, localServiceSocketPath, mode, transparentProxy, config, upstreams, meshGateway,
                    expose, accessLogs, rest);
        }
    }
}
