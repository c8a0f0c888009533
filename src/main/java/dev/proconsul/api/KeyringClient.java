package dev.proconsul.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;

/** Gossip encryption keys across the cluster: {@code /v1/operator/keyring}. */
public final class KeyringClient {
    private static final TypeReference<List<PoolKeys>> LIST = new TypeReference<>() {
    };

    /** One gossip pool's keys: how many nodes hold each key, and use each as primary. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PoolKeys(@JsonProperty("WAN") boolean wan, @JsonProperty("Datacenter") String datacenter,
                           @JsonProperty("Segment") String segment, @JsonProperty("Partition") String partition,
                           @JsonProperty("Messages") Map<String, String> messages,
                           @JsonProperty("Keys") Map<String, Integer> keys,
                           @JsonProperty("PrimaryKeys") Map<String, Integer> primaryKeys,
                           @JsonProperty("NumNodes") int numNodes) {
        public PoolKeys {
            messages = messages == null ? Map.of() : messages;
            keys = keys == null ? Map.of() : keys;
            primaryKeys = primaryKeys == null ? Map.of() : primaryKeys;
            segment = segment == null ? "" : segment;
            partition = partition == null ? "" : partition;
        }
    }

    private final ConsulHttp http;

    KeyringClient(ConsulHttp http) {
        this.http = http;
    }

    /**
     * @param relayFactor 0-5 extra relays per answer
     * @param localOnly   only this agent's own keyrings, without asking the cluster
     */
    public List<PoolKeys> list(int relayFactor, boolean localOnly) {
        Query q = options(relayFactor);
        if (localOnly) {
            q.add("local-only", "true");
        }
        List<PoolKeys> out = ConsulHttp.decode(http.require("GET", "/v1/operator/keyring", q, null, null), LIST);
        return out == null ? List.of() : out;
    }

    /** Adds a key to every node's keyring. */
    public void install(String key, int relayFactor) {
        send("POST", key, relayFactor);
    }

    /** Makes an installed key every node's primary (encrypting) key. */
    public void use(String key, int relayFactor) {
        send("PUT", key, relayFactor);
    }

    /** Removes a key that is not primary from every node's keyring. */
    public void remove(String key, int relayFactor) {
        send("DELETE", key, relayFactor);
    }

    private void send(String method, String key, int relayFactor) {
        byte[] body;
        try {
            body = ConsulHttp.JSON.writeValueAsBytes(Map.of("Key", key));
        } catch (JsonProcessingException e) {
            throw new ConsulException("encoding the key failed", e);
        }
        http.require(method, "/v1/operator/keyring", options(relayFactor), body, null);
    }

    private static Query options(int relayFactor) {
        Query q = new Query();
        if (relayFactor > 0) {
            q.add("relay-factor", Integer.toString(relayFactor));
        }
        return q;
    }
}
