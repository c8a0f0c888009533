package dev.proconsul.http;

import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.SnapshotEndpoint;
import dev.proconsul.structs.SavedSnapshot;
import java.io.ByteArrayInputStream;
import java.util.Set;

/** /v1/snapshot: GET saves the servers' state as a gzipped tar archive, PUT restores one. */
final class SnapshotHandler implements HandlerGroup {
    /** The largest archive a restore accepts in its body. */
    static final int MAX_ARCHIVE_BYTES = 512 << 20;

    private final Endpoints endpoints;

    SnapshotHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.add("/v1/snapshot", Set.of("GET", "PUT"), req -> req.method().equals("GET") ? save(req) : restore(req));
    }

    private SnapshotEndpoint snapshots() {
        return endpoints.snapshot();
    }

    private Reply save(ApiRequest req) {
        QueryOptions opts = QueryParams.queryOptions(req);
        SavedSnapshot saved = snapshots().save(opts);
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
