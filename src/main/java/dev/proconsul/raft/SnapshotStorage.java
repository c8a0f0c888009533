package dev.proconsul.raft;

import java.io.File;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;

/**
 * Ratis' single-file snapshot layout ({@code sm/snapshot.<term>_<index>} plus its {@code .md5}), which is also what
 * the leader ships to a lagging follower. Subclassed only to reach the temporary-file name, so a snapshot appears
 * under its final name only once it is complete.
 */
final class SnapshotStorage extends SimpleStateMachineStorage {
    File temporaryFile(long term, long index) {
        return getTmpSnapshotFile(term, index);
    }
}
