package dev.proconsul.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.proconsul.agent.LocalAgent;
import dev.proconsul.endpoint.KVEndpoint;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.endpoint.Endpoints;
import dev.proconsul.endpoint.TxnEndpoint;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.TxnOp;
import dev.proconsul.structs.TxnResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * PUT /v1/txn: decodes the operations (values base64), enforces Consul's limits, and sends transactions with a
 * write through Raft and read-only ones to the local store under the requested consistency. A rolled-back
 * transaction answers 409 with its Errors.
 */
final class TxnHandler implements HandlerGroup {
    /** Consul's txn_max_req_len default (the suggested Raft entry size), which equals kv_max_value_size. */
    static final int MAX_BODY = KVEndpoint.MAX_VALUE_SIZE;
    private static final JavaType OPS = JsonCodec.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, TxnOp.class);

    private final Endpoints endpoints;
    private final LocalAgent agent;

    TxnHandler(Endpoints endpoints, LocalAgent agent) {
        this.endpoints = endpoints;
        this.agent = agent;
    }

    @Override
    public void register(Routes routes) {
        routes.put("/v1/txn", this::txn);
    }

    private TxnEndpoint transactions() {
        return endpoints.txn();
    }

    private Reply txn(ApiRequest req) throws Exception {
        if (req.contentLength() > MAX_BODY) {
            throw tooLarge();
        }
        byte[] body = req.body(MAX_BODY);
        if (body == null) {
            throw tooLarge();
        }
        List<TxnOp> ops = withDefaults(decode(body));
        if (ops.size() > TxnEndpoint.MAX_OPS) {
            throw new HttpError(413, "Transaction contains too many operations (" + ops.size() + " > "
                    + TxnEndpoint.MAX_OPS + ")");
        }
        for (TxnOp op : ops) {
            if (op != null && op.kv() != null && op.kv().value() != null
                    && op.kv().value().length > KVEndpoint.MAX_VALUE_SIZE) {
                throw new HttpError(413, "Value for key \"" + op.kv().key() + "\" is too large ("
                        + op.kv().value().length + " > " + KVEndpoint.MAX_VALUE_SIZE + " bytes)");
            }
        }
        boolean pretty = req.has("pretty");
        if (TxnEndpoint.writes(ops)) {
            return answer(transactions().apply(req.param("dc"), ops), pretty);
        }
        QueryResult<TxnResponse> r = transactions().read(ops, QueryParams.queryOptions(req));
        // Read-only transactions don't block, so Consul sends only these two of the query headers.
        return answer(r.value(), pretty)
                .header("X-Consul-KnownLeader", Boolean.toString(r.meta().knownLeader()))
                .header("X-Consul-LastContact", Long.toString(r.meta().lastContactMillis()));
    }

    private static List<TxnOp> decode(byte[] body) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw HttpError.badRequest("Failed to parse body: EOF");
        }
        try {
            List<TxnOp> ops = JsonCodec.MAPPER.readValue(body, OPS);
            return ops == null ? List.of() : ops;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("Failed to parse body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("Failed to parse body: " + e.getMessage());
        }
    }

    /** Node operations default to the agent's datacenter, as Consul's do. */
    private List<TxnOp> withDefaults(List<TxnOp> ops) {
        List<TxnOp> out = new ArrayList<>(ops.size());
        for (TxnOp op : ops) {
            if (op != null && op.node() != null && op.node().node() != null) {
                Node n = op.node().node();
                if (n.datacenter() == null || n.datacenter().isEmpty()) {
                    n = new Node(n.id(), n.node(), n.address(), agent.datacenter(), n.taggedAddresses(), n.meta(),
                            n.createIndex(), n.modifyIndex());
                    op = new TxnOp(null, new TxnOp.NodeOp(op.node().verb(), n), null, null);
                }
            }
            out.add(op);
        }
        return out;
    }

    private static Reply answer(TxnResponse r, boolean pretty) throws JsonProcessingException {
        if (!r.failed()) {
            return Reply.json(r);
        }
        return Reply.raw(409, "application/json", JsonCodec.write(r, pretty));
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "Request body too large, max size: " + MAX_BODY + " bytes");
    }
}
