package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** Transparent-proxy settings of a proxy (Consul's TransparentProxyConfig). */
public record TransparentProxyConfig(Integer outboundListenerPort, Boolean dialedDirectly,
                                     JsonRest rest) {
    public TransparentProxyConfig {
        rest = rest == null ? JsonRest.NONE : rest;
    }

    @JsonCreator
    public static TransparentProxyConfig fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new TransparentProxyConfig(f.integer("OutboundListenerPort"), f.bool("DialedDirectly"), f.rest());
    }

    @JsonValue
    public Map<String, Object> toJson() {
        return new JsonFields.Writer(rest).put("OutboundListenerPort", outboundListenerPort)
                .put("DialedDirectly", dialedDirectly).build();
    }
}
