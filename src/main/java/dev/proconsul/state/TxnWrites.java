package dev.proconsul.state;

import dev.proconsul.structs.DeregisterRequest;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.KVEntry;
import dev.proconsul.structs.Node;
import dev.proconsul.structs.NodeService;
import dev.proconsul.structs.RegisterRequest;
import dev.proconsul.structs.TxnOp;
import dev.proconsul.structs.TxnRequest;
import dev.proconsul.structs.TxnResponse;
import dev.proconsul.structs.TxnResponse.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a transaction's operations in order against one {@link Txn}, each seeing the effects of those before it.
 * Every operation runs even after one fails, so the caller learns about all failures at once (as with Consul);
 * if any failed, the caller discards the Txn, so a failed transaction leaves no trace. Error texts are Consul's.
 */
final class TxnWrites {
    /** Writes that name one key; an empty key is refused rather than stored. */
    private static final java.util.Set<String> KEYED_WRITES = java.util.Set.of("set", "cas", "lock", "unlock",
            "delete", "delete-cas");

    private TxnWrites() {
    }

    static TxnResponse apply(Txn tx, TxnRequest req) {
        List<TxnOp> ops = req.ops() == null ? List.of() : req.ops();
        List<Result> results = new ArrayList<>();
        List<TxnResponse.Error> errors = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            TxnOp op = ops.get(i);
            try {
                if (op == null) {
                    throw new Rejected("no operation specified");
                } else if (op.kv() != null) {
                    kv(tx, op.kv(), results);
                } else if (op.node() != null) {
                    node(tx, op.node(), results);
                } else if (op.service() != null) {
                    service(tx, op.service(), results);
                } else if (op.check() != null) {
                    check(tx, op.check(), results);
                } else {
                    throw new Rejected("no operation specified");
                }
            } catch (Rejected r) {
                errors.add(new TxnResponse.Error(i, r.getMessage()));
            }
        }
        return errors.isEmpty() ? new TxnResponse(results, null) : new TxnResponse(null, errors);
    }

    // ------------------------------------------------------------------ KV

    private static void kv(Txn tx, TxnOp.KV op, List<Result> out) throws Rejected {
        String key = op.key() == null ? "" : op.key();
        String verb = String.valueOf(op.verb());
        KVEntry in = new KVEntry(0, key, op.flags(), op.value(), op.session(), 0, op.index());
        if (key.isEmpty() && KEYED_WRITES.contains(verb)) {
            throw new Rejected("Missing key");
        }
        switch (verb) {
            case "set" -> {
                KVUnit.set(tx, in, false);
                out.add(written(tx, key));
            }
            case "cas" -> {
                if (!KVUnit.cas(tx, in)) {
                    throw new Rejected("failed to set key \"" + key + "\", index is stale");
                }
                out.add(written(tx, key));
            }
            case "lock" -> {
                if (!KVUnit.lock(tx, in)) {
                    throw new Rejected("failed to lock key \"" + key + "\", lock is already held");
                }
                out.add(written(tx, key));
            }
            case "unlock" -> {
                if (!KVUnit.unlock(tx, in)) {
                    throw new Rejected("failed to unlock key \"" + key
                            + "\", lock isn't held, or is held by another session");
                }
                out.add(written(tx, key));
            }
            case "delete" -> KVUnit.delete(tx, key);
            case "delete-tree" -> KVUnit.deleteTree(tx, key);
            case "delete-cas" -> {
                if (!KVUnit.deleteCas(tx, in)) {
                    throw new Rejected("failed to delete key \"" + key + "\", index is stale");
                }
            }
            case "get" -> {
                KVEntry e = tx.get(KVUnit.ENTRIES).get(key);
                if (e == null) {
                    throw new Rejected("key \"" + key + "\" doesn't exist");
                }
                out.add(kvResult(e));
            }
            case "get-tree" -> {
                for (Map.Entry<String, KVEntry> e : Keys.withPrefix(tx.get(KVUnit.ENTRIES).entries(), key)) {
                    out.add(kvResult(e.getValue()));
                }
            }
            case "check-index" -> {
                KVEntry e = tx.get(KVUnit.ENTRIES).get(key);
                if (e == null) {
                    throw new Rejected("failed to check index, key \"" + key + "\" doesn't exist");
                }
                if (e.modifyIndex() != op.index()) {
                    throw new Rejected("failed index check for key \"" + key + "\", current modify index "
                            + e.modifyIndex() + " != " + op.index());
                }
                out.add(withoutValue(e));
            }
            case "check-session" -> {
                KVEntry e = tx.get(KVUnit.ENTRIES).get(key);
                if (e == null) {
                    throw new Rejected("failed to check session, key \"" + key + "\" doesn't exist");
                }
                String held = e.session() == null ? "" : e.session();
                String wanted = op.session() == null ? "" : op.session();
                if (!held.equals(wanted)) {
                    throw new Rejected("failed session check for key \"" + key + "\", current session \"" + held
                            + "\" != \"" + wanted + "\"");
                }
                out.add(withoutValue(e));
            }
            case "check-not-exists" -> {
                if (tx.get(KVUnit.ENTRIES).get(key) != null) {
                    throw new Rejected("key \"" + key + "\" exists");
                }
            }
            default -> throw new Rejected("unknown KV verb \"" + verb + "\"");
        }
    }

    private static Result written(Txn tx, String key) {
        KVEntry e = tx.get(KVUnit.ENTRIES).get(key);
        return e == null ? null : withoutValue(e);
    }

    /** Write results and checks carry the entry without its value, as Consul's do. */
    private static Result withoutValue(KVEntry e) {
        return kvResult(new KVEntry(e.lockIndex(), e.key(), e.flags(), null, e.session(), e.createIndex(),
                e.modifyIndex()));
    }

    private static Result kvResult(KVEntry e) {
        return new Result(e, null, null, null);
    }

    // ------------------------------------------------------------------ catalog

    private static void node(Txn tx, TxnOp.NodeOp op, List<Result> out) throws Rejected {
        Node in = op.node();
        String verb = String.valueOf(op.verb());
        if (in == null) {
            throw new Rejected("Must provide node");
        }
        String name = in.node() == null ? "" : in.node();
        Node existing = tx.get(CatalogUnit.NODES).get(name);
        switch (verb) {
            case "get" -> {
                if (existing == null) {
                    throw new Rejected("node \"" + name + "\" doesn't exist");
                }
                out.add(new Result(null, existing, null, null));
            }
            case "set" -> {
                registerNode(tx, in);
                out.add(new Result(null, tx.get(CatalogUnit.NODES).get(name), null, null));
            }
            case "cas" -> {
                if (!casHolds(in.modifyIndex(), existing == null ? null : existing.modifyIndex())) {
                    throw new Rejected("failed to set node \"" + name + "\", index is stale");
                }
                registerNode(tx, in);
                out.add(new Result(null, tx.get(CatalogUnit.NODES).get(name), null, null));
            }
            case "delete" -> CatalogUnit.deregister(tx, new DeregisterRequest(null, name, null, null));
            case "delete-cas" -> {
                if (existing != null && existing.modifyIndex() != in.modifyIndex()) {
                    throw new Rejected("failed to delete node \"" + name + "\", index is stale");
                }
                CatalogUnit.deregister(tx, new DeregisterRequest(null, name, null, null));
            }
            default -> throw new Rejected("unknown Node verb \"" + verb + "\"");
        }
    }

    private static void registerNode(Txn tx, Node n) throws Rejected {
        CatalogUnit.register(tx, new RegisterRequest(n.datacenter(), n.id(), n.node(), n.address(),
                n.taggedAddresses(), n.meta(), null, null, null, false));
    }

    private static void service(Txn tx, TxnOp.ServiceOp op, List<Result> out) throws Rejected {
        String verb = String.valueOf(op.verb());
        NodeService in = op.service();
        String node = op.node() == null ? "" : op.node();
        String id = in == null ? "" : in.id() == null || in.id().isEmpty() ? nullToEmpty(in.service()) : in.id();
        NodeService existing = tx.get(CatalogUnit.SERVICES).get(node, id);
        switch (verb) {
            case "get" -> {
                if (existing == null) {
                    throw new Rejected("service \"" + id + "\" on node \"" + node + "\" doesn't exist");
                }
                out.add(new Result(null, null, existing, null));
            }
            case "set", "cas" -> {
                if (in == null) {
                    throw new Rejected("Must provide service name");
                }
                if (verb.equals("cas") && !casHolds(in.modifyIndex(), existing == null ? null : existing.modifyIndex())) {
                    throw new Rejected("failed to set service \"" + id + "\" on node \"" + node + "\", index is stale");
                }
                requireNode(tx, node, "failed inserting service: Missing node registration");
                CatalogUnit.register(tx, RegisterRequest.serviceOnNode(node, in));
                out.add(new Result(null, null, tx.get(CatalogUnit.SERVICES).get(node, id), null));
            }
            case "delete" -> CatalogUnit.deregister(tx, new DeregisterRequest(null, node, id, null));
            case "delete-cas" -> {
                if (existing != null && existing.modifyIndex() != (in == null ? 0 : in.modifyIndex())) {
                    throw new Rejected("failed to delete service \"" + id + "\" on node \"" + node
                            + "\", index is stale");
                }
                CatalogUnit.deregister(tx, new DeregisterRequest(null, node, id, null));
            }
            default -> throw new Rejected("unknown Service verb \"" + verb + "\"");
        }
    }

    private static void check(Txn tx, TxnOp.CheckOp op, List<Result> out) throws Rejected {
        String verb = String.valueOf(op.verb());
        HealthCheck in = op.check();
        String node = in == null ? "" : nullToEmpty(in.node());
        String id = in == null ? "" : in.checkId() == null || in.checkId().isEmpty() ? nullToEmpty(in.name())
                : in.checkId();
        HealthCheck existing = tx.get(CatalogUnit.CHECKS).get(node, id);
        switch (verb) {
            case "get" -> {
                if (existing == null) {
                    throw new Rejected("check \"" + id + "\" on node \"" + node + "\" doesn't exist");
                }
                out.add(new Result(null, null, null, existing));
            }
            case "set", "cas" -> {
                if (in == null) {
                    throw new Rejected("failed inserting check: Must provide CheckID or Name");
                }
                if (verb.equals("cas") && !casHolds(in.modifyIndex(), existing == null ? null : existing.modifyIndex())) {
                    throw new Rejected("failed to set check \"" + id + "\" on node \"" + node + "\", index is stale");
                }
                if (node.isEmpty()) {
                    throw new Rejected("Must provide node");
                }
                requireNode(tx, node, "failed inserting check: Missing node registration");
                CatalogUnit.register(tx, RegisterRequest.checkOnNode(node, in));
                out.add(new Result(null, null, null, tx.get(CatalogUnit.CHECKS).get(node, id)));
            }
            case "delete" -> CatalogUnit.deregister(tx, new DeregisterRequest(null, node, null, id));
            case "delete-cas" -> {
                if (existing != null && existing.modifyIndex() != (in == null ? 0 : in.modifyIndex())) {
                    throw new Rejected("failed to delete check \"" + id + "\" on node \"" + node
                            + "\", index is stale");
                }
                CatalogUnit.deregister(tx, new DeregisterRequest(null, node, null, id));
            }
            default -> throw new Rejected("unknown Check verb \"" + verb + "\"");
        }
    }

    /** Consul's catalog CAS: index 0 means "only if absent", otherwise the row's ModifyIndex must match. */
    private static boolean casHolds(long expected, Long current) {
        return expected == 0 ? current == null : current != null && current == expected;
    }

    private static void requireNode(Txn tx, String node, String message) throws Rejected {
        if (tx.get(CatalogUnit.NODES).get(node) == null) {
            throw new Rejected(message);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
