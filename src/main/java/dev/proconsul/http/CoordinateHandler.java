package dev.proconsul.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.structs.Coordinate;
import dev.proconsul.structs.CoordinateEntry;
import java.util.List;
import java.util.function.Supplier;

/** /v1/coordinate/*: datacenters, nodes, node/:node, update. */
final class CoordinateHandler implements HandlerGroup {
    /** A coordinate update body is a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;

    /** Consul's CoordinateUpdateRequest as the HTTP API takes it. */
    record UpdateBody(@JsonProperty("Datacenter") String datacenter, @JsonProperty("Node") String node,
                      @JsonProperty("Segment") String segment, @JsonProperty("Coord") Coordinate coord) {
    }

    private final Endpoints endpoints;
    private final String agentNode;
    private final Supplier<Coordinate> wanCoordinate;

    /**
     * @param agentNode     this agent's node name (servers are named {@code <node>.<dc>} in the WAN list)
     * @param wanCoordinate this server's WAN coordinate; until WAN gossip runs, a fresh client's origin
     */
    CoordinateHandler(Endpoints endpoints, String agentNode, Supplier<Coordinate> wanCoordinate) {
        this.endpoints = endpoints;
        this.agentNode = agentNode;
        this.wanCoordinate = wanCoordinate;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/coordinate/datacenters", req -> Reply.json(
                server().coordinate().datacenters(agentNode, wanCoordinate.get())));
        routes.get("/v1/coordinate/nodes", req -> CatalogHandler.reply(server().coordinate().nodes(
                QueryParams.queryOptions(req), segment(req))));
        routes.get("/v1/coordinate/node/", req -> {
            QueryResult<List<CoordinateEntry>> r = server().coordinate().node(req.remainder(),
                    QueryParams.queryOptions(req), segment(req));
            if (r.value().isEmpty()) {
                return Reply.empty(404).meta(r.meta());
            }
            return CatalogHandler.reply(r);
        });
        routes.put("/v1/coordinate/update", this::update);
    }

    /** {@code ?segment=} filters to one segment (present but empty = the default one); absent = all. */
    private static String segment(ApiRequest req) {
        return req.has("segment") ? req.param("segment") : null;
    }

    private Reply update(ApiRequest req) throws Exception {
        byte[] raw = req.body(MAX_BODY);
        if (raw == null) {
            throw new HttpError(413, "Request body too large, max size: " + MAX_BODY + " bytes");
        }
        UpdateBody body = JsonCodec.decodeBody(raw, UpdateBody.class);
        // As Consul's parseDC: ?dc= wins over the body's Datacenter.
        String dc = req.param("dc") != null && !req.param("dc").isEmpty() ? req.param("dc") : body.datacenter();
        server().coordinate().update(dc, new CoordinateEntry(body.node(), body.segment(), body.coord()));
        // Consul answers an accepted update with an empty 200.
        return Reply.empty(200);
    }

    private Endpoints server() {
        return endpoints;
    }
}
