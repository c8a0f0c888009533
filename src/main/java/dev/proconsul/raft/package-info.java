/**
 * Raft consensus for Proconsul servers, on Apache Ratis with its Netty transport.
 *
 * <ul>
 *   <li>{@link dev.proconsul.raft.RaftNode} is what the layers above use; {@link dev.proconsul.raft.RatisRaftNode}
 *       is the product implementation, {@link dev.proconsul.raft.DirectRaftNode} a single-node stand-in for tests.
 *   <li>Every write is a {@link dev.proconsul.structs.Command} encoded by {@link dev.proconsul.raft.CommandCodec}
 *       (magic byte, format version, type tag, JSON body); the format is pinned by golden tests.
 *   <li>The state machine applies each committed entry to the {@link dev.proconsul.state.StateStore} at its log
 *       index, snapshots it into Ratis' single-file layout ({@code sm/snapshot.<term>_<index>} + {@code .md5})
 *       every {@code snapshotThreshold} entries, keeps two, and purges the log they cover. A follower behind the
 *       purged log receives the snapshot file from the leader.
 *   <li>Writes made on the leader go straight into the local Ratis server; elsewhere through a Ratis client that
 *       follows the leader. {@code apply} completes once the entry is applied on the calling node.
 *   <li>Read barrier (Consul's {@code ?consistent}): the leader confirms leadership with a quorum round (Ratis'
 *       linearizable read) and answers its applied index; the caller waits until it has applied that much. Ratis'
 *       built-in follower read index needs a server-to-server call the Netty transport does not implement, hence
 *       this split.
 *   <li>Durability: the log is fsynced before an entry counts toward commit (flushes grouped under load), so an
 *       acknowledged write survives kill -9.
 * </ul>
 */
package dev.proconsul.raft;
