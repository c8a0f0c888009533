package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** An Envoy extension a proxy asks for (Consul's EnvoyExtension); {@code Arguments} is the extension's own. */
public record EnvoyExtension(String name, Boolean required, Map<String, Object> arguments, String consulVersion,
                             String envoyVersion, JsonRest rest) {
    public EnvoyExtension {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    @JsonCreator
    public static EnvoyExtension fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new EnvoyExtension(f.string("Name"), f.bool("Required"), f.map("Arguments"),
                f.string("ConsulVersion"), f.string("EnvoyVersion"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("Name", name).put("Required", required).put("Arguments", arguments)
                .put("ConsulVersion", consulVersion).put("EnvoyVersion", envoyVersion).build();
    }
}
