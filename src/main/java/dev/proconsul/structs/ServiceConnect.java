package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * The Connect block of a registered service (Consul's ServiceConnect). {@code SidecarService} never reaches the
 * catalog: the agent turns it into a service of its own.
 */
public record ServiceConnect(Boolean nativeIntegration, JsonRest rest) {
    public static final ServiceConnect EMPTY = new ServiceConnect(null, JsonRest.NONE);

    public ServiceConnect {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    public static ServiceConnect ofNative(boolean nativeIntegration) {
        return new ServiceConnect(nativeIntegration, JsonRest.NONE);
    }

    /** Whether the service speaks Connect itself (Consul's {@code Native}). */
    public boolean isNative() {
        return Boolean.TRUE.equals(nativeIntegration);
    }

    public boolean isEmpty() {
        return nativeIntegration == null && rest.fields().isEmpty();
    }

    @JsonCreator
    public static ServiceConnect fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new ServiceConnect(f.bool("Native"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("Native", nativeIntegration).build();
    }
}
