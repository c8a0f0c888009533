package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/** Paths a proxy exposes without mTLS, e.g. for health checks (Consul's ExposeConfig). */
public record ExposeConfig(Boolean checks, List<ExposePath> paths, JsonRest rest) {
    public ExposeConfig {
        paths = paths == null ? null : List.copyOf(paths);
        rest = rest == null ? JsonRest.NONE : rest;
    }

    @JsonCreator
    public static ExposeConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new ExposeConfig(f.bool("Checks"), f.objects("Paths", ExposePath::fromJson), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("Checks", checks).put("Paths", paths).build();
    }
}
