package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** How Connect traffic to an upstream uses mesh gateways: {@code Mode} is "", none, local or remote. */
public record MeshGatewayConfig(String mode, Map<String, Object> extra) {
    public MeshGatewayConfig {
        extra = extra == null ? Map.of() : extra;
    }

    public static MeshGatewayConfig of(String mode) {
        return new MeshGatewayConfig(mode, Map.of());
    }

    @JsonCreator
    public static MeshGatewayConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new MeshGatewayConfig(f.string("Mode"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer().put("Mode", mode).with(extra);
    }
}
