package dev.proconsul.http;

import dev.proconsul.structs.QueryOptions;
import dev.proconsul.server.ServerEndpoints;
import dev.proconsul.server.Snapshots;
import java.io.ByteArrayInputStream;
import java.util.Set;

/** /v1/snapshot: GET saves the servers' state as a gzipped tar archive, PUT restores one. */
final class SnapshotHandler implements HandlerGroup {
    /** The largest archive a restore accepts in its body. */
    static final int MAX_ARCHIVE_BYTES = 512 << 20;

    private final ServerEndpoints endpoints;

    SnapshotHandler(ServerEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/snapshot", Set.of("GET", "PUT"), req -> req.method().equals("GET") ? save(req) : restore(req));
    }

    private Snapshots snapshots() {
        return ServerAccess.require(endpoints).snapshots();
    }

    private Reply save(ApiRequest req) {
        QueryOptions opts = QueryParams.queryOptions(req);
        Snapshots.Saved saved = snapshots().save(opts);
        return Reply.raw(200, "application/x-gzip", saved.archive()).meta(saved.meta());
    }

    private Reply restore(ApiRequest req) throws Exception {
        byte[] body = req.body(MAX_ARCHIVE_BYTES);
        if (body == null) {
            throw new HttpError(413, "Request body too large, max size: " + MAX_ARCHIVE_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw HttpError.badRequest("Invalid snapshot: empty request body");
        }
        snapshots().restore(req.param("dc"), new ByteArrayInputStream(body));
        return Reply.empty(200);
    }
}
