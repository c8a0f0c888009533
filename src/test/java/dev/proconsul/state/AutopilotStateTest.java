package dev.proconsul.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotSetConfigRequest;
import org.junit.jupiter.api.Test;

/** The autopilot configuration table: none until stored, check-and-set on ModifyIndex, CreateIndex kept. */
class AutopilotStateTest {
    private final StateStore store = new StateStore();

    @Test
    void noneUntilStoredThenIndexedByTheWrite() {
        assertThat(store.autopilotConfig(null).value()).isNull();

        store.apply(5, new AutopilotSetConfigRequest(AutopilotConfig.DEFAULTS, false));

        AutopilotConfig c = store.autopilotConfig(null).value();
        assertThat(c).isEqualTo(AutopilotConfig.DEFAULTS.withIndexes(5, 5));
        assertThat(store.autopilotConfig(null).index()).isEqualTo(5);
    }

    @Test
    void checkAndSetOnlyAgainstTheStoredModifyIndex() {
        AutopilotConfig changed = new AutopilotConfig(false, "1s", 100, 3, "20s", "", false, "", 0, 0);
        ApplyResult firstCas = store.apply(3, new AutopilotSetConfigRequest(changed.withIndexes(0, 0), true));
        assertThat(firstCas.value()).isEqualTo(ApplyResult.Flag.TRUE);

        ApplyResult stale = store.apply(4, new AutopilotSetConfigRequest(AutopilotConfig.DEFAULTS.withIndexes(0, 2),
                true));
        assertThat(stale.value()).isEqualTo(ApplyResult.Flag.FALSE);
        assertThat(store.autopilotConfig(null).value()).isEqualTo(changed.withIndexes(3, 3));

        store.apply(6, new AutopilotSetConfigRequest(AutopilotConfig.DEFAULTS.withIndexes(0, 3), true));
        assertThat(store.autopilotConfig(null).value()).isEqualTo(AutopilotConfig.DEFAULTS.withIndexes(3, 6));
    }
}
