package dev.proconsul.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.proconsul.structs.AutopilotConfig;
import dev.proconsul.structs.AutopilotSetConfigRequest;
import dev.proconsul.structs.Indexed;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The autopilot configuration (Consul's autopilot.go): one row, null until first stored, with its read, write
 * (plain or check-and-set on ModifyIndex), topic and snapshot member ({@code Autopilot}).
 */
final class AutopilotUnit implements TableUnit {
    static final TableKey<AutopilotTable> CONFIG = new TableKey<>("autopilot-config", AutopilotTable.EMPTY);
    static final AutopilotUnit UNIT = new AutopilotUnit();

    /** Topic: the autopilot configuration. */
    static final String TOPIC = "ap";

    private AutopilotUnit() {
    }

    /** The stored configuration, or null when none is. */
    static Indexed<AutopilotConfig> config(Tables t) {
        AutopilotTable table = t.get(CONFIG);
        return TableUnit.indexed(table.index(), table.config());
    }

    /** @return whether it was stored (a check-and-set against another ModifyIndex is not) */
    static boolean set(Txn tx, AutopilotSetConfigRequest req) throws Rejected {
        if (req.config() == null) {
            throw new Rejected("Missing autopilot configuration");
        }
        AutopilotConfig old = tx.get(CONFIG).config();
        if (req.cas() && (old == null ? 0 : old.modifyIndex()) != req.config().modifyIndex()) {
            return false;
        }
        long created = old == null ? tx.index : old.createIndex();
        tx.set(CONFIG, new AutopilotTable(req.config().withIndexes(created, tx.index), tx.index));
        tx.topics.add(TOPIC);
        return true;
    }

    // ------------------------------------------------------------------ snapshot

    @Override
    public List<TableKey<?>> tables() {
        return List.of(CONFIG);
    }

    // Nothing is written until a configuration is stored, so a store without one writes the bytes snapshots had
    // before this table existed (and those restore as "none stored").

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        if (t.get(CONFIG).config() != null) {
            out.index(CONFIG.name, t.get(CONFIG).index());
        }
    }

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        if (t.get(CONFIG).config() != null) {
            g.writeFieldName("Autopilot");
            g.writeObject(t.get(CONFIG).config());
        }
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private AutopilotConfig config;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                if (!name.equals("Autopilot")) {
                    return false;
                }
                config = p.currentToken() == JsonToken.VALUE_NULL ? null : p.readValueAs(AutopilotConfig.class);
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                out.put(CONFIG, new AutopilotTable(config, indexes.getOrDefault(CONFIG.name, 0L)));
            }
        };
    }
}
