package dev.proconsul.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.proconsul.structs.Indexed;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One table family of the store (Consul's kvs.go, catalog.go, …): the unit's file holds its tables' keys (schema),
 * its reads, its writes, its watch topics and this, its part of the snapshot. Registered in {@link TableUnits}.
 */
interface TableUnit {
    /** The tables the unit owns. */
    List<TableKey<?>> tables();

    /** Its entries of the snapshot's {@code Indexes} object (table max indexes, by name). */
    void writeIndexes(Tables t, IndexSink out);

    /** Writes its top-level snapshot members (field name and value each), rows in key order. */
    void writeSections(Tables t, JsonGenerator g) throws IOException;

    /** A reader for one snapshot restore. */
    SectionReader reader();

    /** Receives one index entry. */
    @FunctionalInterface
    interface IndexSink {
        void index(String name, long value);
    }

    /** Collects a unit's members while a snapshot is parsed, then installs its tables. */
    interface SectionReader {
        /**
         * Reads top-level member {@code name} if it is one of the unit's (the parser is on its value).
         *
         * @return false if the member is not the unit's (nothing consumed)
         */
        boolean read(String name, JsonParser p) throws IOException;

        /** Installs the tables read, with the table indexes the snapshot recorded (absent ones as 0). */
        void finish(Map<String, Long> indexes, Tables.Builder out) throws IOException;
    }

    /** A read's answer; the index is never 0 (a blocking query would not block on it). */
    static <T> Indexed<T> indexed(long index, T value) {
        return new Indexed<>(Math.max(1, index), value);
    }
}
