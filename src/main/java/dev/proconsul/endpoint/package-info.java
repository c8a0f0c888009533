/**
 * The server's endpoints as Java interfaces (Consul's RPC endpoint groups: KVS, Catalog, Health, Session, Txn,
 * Status, Coordinate, ConnectCA, Snapshot). The edges (HTTP, DNS, the agent) depend only on these; {@code server}
 * implements them locally, and the cluster's RPC client will implement them remotely. Interfaces and limits only:
 * no implementation lives here.
 */
package dev.proconsul.endpoint;
