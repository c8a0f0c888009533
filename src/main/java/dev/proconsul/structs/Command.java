package dev.proconsul.structs;

/**
 * A state-changing request. Every write goes through Raft as one of these and is applied by the state store at the
 * Raft log index of its entry. The raft package owns their versioned wire encoding.
 */
public sealed interface Command permits RegisterRequest, DeregisterRequest, KVRequest, CARootsRequest,
        RestoreRequest, SessionRequest, TxnRequest, CoordinateBatchUpdateRequest, PreparedQueryRequest,
        AutopilotSetConfigRequest, BarrierRequest {
}
