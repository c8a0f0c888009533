package dev.proconsul.endpoint;

import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.TxnOp;
import dev.proconsul.structs.TxnResponse;
import java.util.List;

/** Consul's Txn endpoint: transactions with a write go through Raft as one command; read-only ones do not. */
public interface TxnEndpoint {
    /** Consul's maxTxnOps. */
    int MAX_OPS = 64;

    /** True when some operation changes state (so the transaction must go through Raft). */
    static boolean writes(List<TxnOp> ops) {
        for (TxnOp op : ops) {
            if (op == null || op.writes()) {
                return true;
            }
        }
        return false;
    }

    /** Applies a transaction with writes: the results, or the errors (then nothing was applied). */
    TxnResponse apply(String datacenter, List<TxnOp> ops);

    /** Runs a read-only transaction (no blocking; consistency as requested). */
    QueryResult<TxnResponse> read(List<TxnOp> ops, QueryOptions opts);
}
