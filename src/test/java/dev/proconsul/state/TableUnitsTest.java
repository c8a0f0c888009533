package dev.proconsul.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered table unit survives a snapshot: its members and index entries come back identical, and the
 * golden fixture holds rows in each of its tables (so a new unit fails here until the fixture covers it).
 */
class TableUnitsTest {

    @TestFactory
    Iterable<DynamicTest> everyRegisteredUnitRoundTripsThroughASnapshot() throws IOException {
        Tables original = tablesOf(GoldenSnapshotFixture.everyTable());
        Tables restored = tablesOf(GoldenSnapshotTest.restored(GoldenSnapshotFixture.state(
                GoldenSnapshotFixture.everyTable())));
        return TableUnits.ALL.stream().map(unit -> DynamicTest.dynamicTest(unit.getClass().getSimpleName(), () -> {
            assertThat(sections(unit, original)).as("the fixture has rows in " + unit.tables())
                    .isNotEqualTo(sections(unit, Tables.EMPTY));
            assertThat(sections(unit, restored)).isEqualTo(sections(unit, original));
            assertThat(indexes(unit, restored)).isEqualTo(indexes(unit, original));
            assertThat(indexes(unit, original).values()).as("table indexes").anyMatch(i -> i > 0);
        })).toList();
    }

    @Test
    void tablesAndTheirNamesAreRegisteredOnce() {
        Set<Integer> slots = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (TableUnit unit : TableUnits.ALL) {
            for (TableKey<?> key : unit.tables()) {
                assertThat(slots.add(key.slot())).as("slot of " + key).isTrue();
                assertThat(names.add(key.name)).as("name " + key).isTrue();
            }
        }
        assertThat(slots).hasSize(TableUnits.SIZE);
    }

    private static Tables tablesOf(StateStore s) throws IOException {
        return SnapshotCodec.read(new ByteArrayInputStream(GoldenSnapshotFixture.state(s)));
    }

    private static String sections(TableUnit unit, Tables t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonMapper.builder().build().getFactory().createGenerator(out)) {
            g.writeStartObject();
            unit.writeSections(t, g);
            g.writeEndObject();
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, Long> indexes(TableUnit unit, Tables t) {
        Map<String, Long> out = new LinkedHashMap<>();
        unit.writeIndexes(t, out::put);
        return out;
    }
}
