package dev.proconsul.http;

import java.util.LinkedHashMap;

/**
 * A JSON object standing for a Go struct: its entries print in the order they were put, as Go prints a struct's
 * fields. Every other {@code Map} prints with its keys sorted, as Go prints a map; build an answer's struct-shaped
 * parts (agent/self, AgentService, ...) with this, and its map-shaped parts (Meta, Stats, ...) with any map.
 */
final class JsonStruct extends LinkedHashMap<String, Object> {
    JsonStruct() {
    }

    JsonStruct(java.util.Map<String, ?> fields) {
        super(fields);
    }
}
