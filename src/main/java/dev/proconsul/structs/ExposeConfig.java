package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/** Paths a proxy exposes without mTLS, e.g. for health checks (Consul's ExposeConfig). */
public record ExposeConfig(Boolean checks, List<ExposePath> paths, Map<String, Object> extra) {
    public ExposeConfig {
        paths = paths == null ? null : List.copyOf(paths);
        extra = extra == null ? Map.of() : extra;
    }

    @JsonCreator
    public static ExposeConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new ExposeConfig(f.bool("Checks"), f.objects("Paths", ExposePath::fromJson), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer().put("Checks", checks).put("Paths", paths).with(extra);
    }
}
