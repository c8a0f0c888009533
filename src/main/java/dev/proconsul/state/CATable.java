package dev.proconsul.state;

import dev.proconsul.structs.CARoots;
import java.util.List;

/** The Connect CA state (roots, cluster ID, active signing key) and its index. */
record CATable(CARoots roots, long index) {

    static final CARoots NONE = new CARoots(null, null, List.of(), null);
    static final CATable EMPTY = new CATable(NONE, 0);
}
