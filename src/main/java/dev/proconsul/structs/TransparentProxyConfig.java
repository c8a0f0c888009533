package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** Transparent-proxy settings of a proxy (Consul's TransparentProxyConfig). */
public record TransparentProxyConfig(Integer outboundListenerPort, Boolean dialedDirectly,
                                     Map<String, Object> extra) {
    public TransparentProxyConfig {
        extra = extra == null ? Map.of() : extra;
    }

    @JsonCreator
    public static TransparentProxyConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new TransparentProxyConfig(f.integer("OutboundListenerPort"), f.bool("DialedDirectly"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer().put("OutboundListenerPort", outboundListenerPort)
                .put("DialedDirectly", dialedDirectly).with(extra);
    }
}
