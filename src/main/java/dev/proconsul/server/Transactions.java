package dev.proconsul.server;

import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.endpoint.TxnEndpoint;
import dev.proconsul.state.StateStore;
import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.Indexed;
import dev.proconsul.structs.TxnOp;
import dev.proconsul.structs.TxnRequest;
import dev.proconsul.structs.TxnResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Consul's Txn endpoint. Transactions with a write go through Raft as one command and apply atomically; those
 * that only read are answered from the local store under the requested consistency mode, without Raft.
 */
public final class Transactions implements TxnEndpoint {

    private final StateStore state;
    private final QueryRunner queries;
    private final CommandWriter writer;

    public Transactions(StateStore state, QueryRunner queries, CommandWriter writer) {
        this.state = state;
        this.queries = queries;
        this.writer = writer;
    }

    /**
     * Applies a transaction with writes. Lock operations are refused up front while their key's lock-delay runs
     * (a wall-clock rule, so it is checked here and not in the replicated apply), as Consul does.
     *
     * @return the results, or the errors (then nothing was applied)
     */
    public TxnResponse apply(String datacenter, List<TxnOp> ops) {
        queries.checkDatacenter(datacenter);
        checkCount(ops);
        List<TxnResponse.Error> errors = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            TxnOp.KV kv = ops.get(i) == null ? null : ops.get(i).kv();
            if (kv != null && "lock".equals(kv.verb()) && kv.key() != null && state.kvLockDelayed(kv.key())) {
                errors.add(new TxnResponse.Error(i, "failed to lock key \"" + kv.key() + "\" due to lock delay"));
            }
        }
        if (!errors.isEmpty()) {
            return new TxnResponse(null, errors);
        }
        ApplyResult r = writer.apply(new TxnRequest(ops), "consul.txn.apply");
        return r.txn();
    }

    /** Runs a read-only transaction (no blocking; consistency as requested). */
    public QueryResult<TxnResponse> read(List<TxnOp> ops, QueryOptions opts) {
        checkCount(ops);
        QueryOptions once = opts.withMinQueryIndex(0, null);
        return queries.run(once, ws -> {
            Indexed<TxnResponse> r = state.txnRead(new TxnRequest(ops));
            return new Indexed<>(r.index(), r.value());
        });
    }

    private static void checkCount(List<TxnOp> ops) {
        if (ops.size() > MAX_OPS) {
            throw new EndpointException(EndpointException.Kind.TOO_LARGE,
                    "Transaction contains too many operations (" + ops.size() + " > " + MAX_OPS + ")");
        }
    }
}
