package dev.proconsul.state;

import dev.proconsul.structs.AutopilotConfig;

/** The stored autopilot configuration (null until one is stored) and its index. */
record AutopilotTable(AutopilotConfig config, long index) {

    static final AutopilotTable EMPTY = new AutopilotTable(null, 0);
}
