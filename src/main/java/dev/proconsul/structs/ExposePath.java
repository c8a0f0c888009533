package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** An HTTP path a proxy exposes outside the mesh (Consul's ExposePath). */
public record ExposePath(Integer listenerPort, String path, Integer localPathPort, String protocol,
                         Boolean parsedFromCheck, JsonRest rest) {
    public ExposePath {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    @JsonCreator
    public static ExposePath fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new ExposePath(f.integer("ListenerPort"), f.string("Path"), f.integer("LocalPathPort"),
                f.string("Protocol"), f.bool("ParsedFromCheck"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("ListenerPort", listenerPort).put("Path", path)
                .put("LocalPathPort", localPathPort).put("Protocol", protocol)
                .put("ParsedFromCheck", parsedFromCheck).build();
    }
}
