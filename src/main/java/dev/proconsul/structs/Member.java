package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A gossip pool member as /v1/agent/members shows it. Status: 0 none, 1 alive, 2 leaving, 3 left, 4 failed. */
public record Member(
        @JsonProperty("Name") String name,
        @JsonProperty("Addr") String addr,
        @JsonProperty("Port") int port,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("Status") int status,
        @JsonProperty("ProtocolMin") int protocolMin,
        @JsonProperty("ProtocolMax") int protocolMax,
        @JsonProperty("ProtocolCur") int protocolCur,
        @JsonProperty("DelegateMin") int delegateMin,
        @JsonProperty("DelegateMax") int delegateMax,
        @JsonProperty("DelegateCur") int delegateCur) {
}
