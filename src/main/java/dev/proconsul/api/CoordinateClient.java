package dev.proconsul.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.proconsul.structs.CoordinateDatacenterMap;
import dev.proconsul.structs.CoordinateEntry;
import java.util.List;

/** Network coordinates: {@code /v1/coordinate/...}. */
public final class CoordinateClient {
    private static final TypeReference<List<CoordinateDatacenterMap>> DATACENTERS = new TypeReference<>() {
    };
    private static final TypeReference<List<CoordinateEntry>> ENTRIES = new TypeReference<>() {
    };

    private final ConsulHttp http;

    CoordinateClient(ConsulHttp http) {
        this.http = http;
    }

    /** The WAN coordinates of every datacenter's servers. */
    public List<CoordinateDatacenterMap> datacenters() {
        List<CoordinateDatacenterMap> dcs = ConsulHttp.decode(
                http.require("GET", "/v1/coordinate/datacenters", null, null, null), DATACENTERS);
        return dcs == null ? List.of() : dcs;
    }

    /** The LAN coordinates of every node in the datacenter (one entry per node and segment). */
    public QueryResult<List<CoordinateEntry>> nodes(QueryOptions opts) {
        Query q = new Query();
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.require("GET", "/v1/coordinate/nodes", q, null, opts.token());
        List<CoordinateEntry> value = ConsulHttp.decode(r, ENTRIES);
        return new QueryResult<>(value == null ? List.of() : value, ConsulHttp.meta(r));
    }

    /** One node's LAN coordinates; empty when it has none (the agent answers 404). */
    public QueryResult<List<CoordinateEntry>> node(String node, QueryOptions opts) {
        Query q = new Query();
        q.read(opts, http.defaultDatacenter());
        ConsulHttp.Response r = http.exchange("GET", "/v1/coordinate/node/" + node, q, null, opts.token());
        if (r.status() == 404) {
            return new QueryResult<>(List.of(), ConsulHttp.meta(r));
        }
        if (r.status() / 100 != 2) {
            throw ConsulHttp.error(r);
        }
        List<CoordinateEntry> value = ConsulHttp.decode(r, ENTRIES);
        return new QueryResult<>(value == null ? List.of() : value, ConsulHttp.meta(r));
    }

    /** Sets a node's coordinate (normally agents do this themselves); servers apply updates in batches. */
    public void update(CoordinateEntry entry, WriteOptions opts) {
        Query q = new Query();
        q.write(opts, http.defaultDatacenter());
        byte[] body;
        try {
            body = ConsulHttp.JSON.writeValueAsBytes(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode coordinate: " + e.getOriginalMessage(), e);
        }
        http.require("PUT", "/v1/coordinate/update", q, body, opts.token());
    }
}
