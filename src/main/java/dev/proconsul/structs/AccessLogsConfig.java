package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** Envoy access logging of a proxy (Consul's AccessLogsConfig). */
public record AccessLogsConfig(Boolean enabled, Boolean disableListenerLogs, String type, String path,
                               String jsonFormat, String textFormat, JsonRest rest) {
    public AccessLogsConfig {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    @JsonCreator
    public static AccessLogsConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new AccessLogsConfig(f.bool("Enabled"), f.bool("DisableListenerLogs"), f.string("Type"),
                f.string("Path"), f.string("JSONFormat"), f.string("TextFormat"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("Enabled", enabled).put("DisableListenerLogs", disableListenerLogs)
                .put("Type", type).put("Path", path).put("JSONFormat", jsonFormat).put("TextFormat", textFormat)
                .build();
    }
}
