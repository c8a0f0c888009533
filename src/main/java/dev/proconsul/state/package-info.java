/**
 * The replicated state store: pure Java, no I/O besides snapshot streams, no threads.
 *
 * <h2>Design</h2>
 * {@link dev.proconsul.state.StateStore} holds one immutable {@code Tables} version: every table, by slot, built
 * from persistent maps. A write (one thread, through {@code StateStore.apply}) works on a {@code Txn} that copies
 * the slot array on its first change, publishes the next version with one volatile write, then fires the watch
 * topics it changed; readers never lock. A read names the topics that can change its answer before it runs, and a
 * {@link dev.proconsul.state.WatchSet} parks on them.
 *
 * <h2>Table units</h2>
 * Each table family is one file, as in Consul's state store (kvs.go, catalog.go, session.go):
 * {@code CatalogUnit} (nodes, services, checks), {@code KVUnit} (entries, tombstones), {@code SessionUnit},
 * {@code CoordinateUnit}, {@code CAUnit}. A unit file holds:
 * <ul>
 *   <li><b>schema</b>: a {@code TableKey} constant per table, naming its immutable table record (persistent maps
 *       and its max index; e.g. {@code KVTable}) and its empty value. The key's name is its entry in the
 *       snapshot's {@code Indexes};</li>
 *   <li><b>topics</b>: the watch topic names of its reads (a distinct prefix per unit, e.g. {@code "k:"});</li>
 *   <li><b>reads</b>: static methods over a {@code Tables} version returning {@code Indexed} answers;</li>
 *   <li><b>writes</b>: static methods over a {@code Txn} ({@code tx.get(KEY)}, {@code tx.set(KEY, table)}, add the
 *       topics changed to {@code tx.topics}; throw {@code Rejected} to refuse the command);</li>
 *   <li><b>snapshot</b>: the {@code TableUnit} methods writing and reading its top-level snapshot members.</li>
 * </ul>
 * {@code TxnWrites} (multi-operation transactions) calls into the units it spans.
 *
 * <h2>How to add a table</h2>
 * <ol>
 *   <li>Write its table record (persistent maps plus {@code index}) and a unit file {@code FooUnit implements
 *       TableUnit} with a {@code TableKey} per table, its topics, reads, writes and snapshot members (new member
 *       names; a snapshot without them must restore as empty tables, so older snapshots stay valid).</li>
 *   <li>Register it: one line in {@code TableUnits.ALL} (append it: the order is the snapshot's member order).</li>
 *   <li>Give its commands a case in {@code StateStore.apply} (and in raft's CommandCodec), and its reads a public
 *       {@code StateStore} method that picks the topic and delegates to the unit.</li>
 *   <li>Add rows of it to {@code GoldenSnapshotFixture.populated()} ({@code TableUnitsTest} fails until every
 *       registered unit has rows there) and describe its members in docs/snapshot-format.md. Do not regenerate the
 *       golden files: they prove older snapshots still restore. If the format changes incompatibly, bump
 *       {@code SnapshotCodec.VERSION} and keep a reader for version 1.</li>
 * </ol>
 */
package dev.proconsul.state;
