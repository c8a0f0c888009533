package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** How Connect traffic to an upstream uses mesh gateways: {@code Mode} is "", none, local or remote. */
public record MeshGatewayConfig(String mode, JsonRest rest) {
    public MeshGatewayConfig {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    public static MeshGatewayConfig of(String mode) {
        return new MeshGatewayConfig(mode, JsonRest.NONE);
    }

    @JsonCreator
    public static MeshGatewayConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new MeshGatewayConfig(f.string("Mode"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("Mode", mode).build();
    }
}
