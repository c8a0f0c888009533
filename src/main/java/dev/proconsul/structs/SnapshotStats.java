package dev.proconsul.structs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a state file (docs/snapshot-format.md) holds, table by table, without loading it into a store: for
 * {@code snapshot inspect} and for reading the index a freshly written state reflects. Generic over the format's
 * members, so tables added later show up without changes here: an array member counts its rows, an object member
 * its entries; sizes are the bytes each member's value takes in the file.
 */
public final class SnapshotStats {
    /** The state format's header: magic, a space, the version, a newline. */
    public static final String MAGIC = "PROCONSUL-SNAPSHOT";

    private static final JsonFactory JSON = new JsonFactory();

    /** One member of the state: its name, how many rows or entries, and its size in bytes. */
    public record Table(String name, long count, long size) {
    }

    /**
     * @param lastIndex the state's {@code LastIndex}
     * @param tables    array and object members, largest first
     * @param totalSize the state file's size
     */
    public record Summary(long lastIndex, List<Table> tables, long totalSize) {
    }

    private SnapshotStats() {
    }

    /** @throws InvalidSnapshotException when the bytes are not a state file of a known version */
    public static Summary of(byte[] state) throws InvalidSnapshotException {
        int bodyStart = checkHeader(state);
        long lastIndex = -1;
        List<Table> tables = new ArrayList<>();
        try (JsonParser p = JSON.createParser(state, bodyStart, state.length - bodyStart)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidSnapshotException("state body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                long start = p.currentTokenLocation().getByteOffset();
                long count = 0;
                if (t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        count++;
                        p.skipChildren();
                    }
                } else if (t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        count++;
                        p.nextToken();
                        p.skipChildren();
                    }
                } else {
                    if (name.equals("LastIndex") && t == JsonToken.VALUE_NUMBER_INT) {
                        lastIndex = p.getLongValue();
                    }
                    continue;
                }
                long end = p.currentLocation().getByteOffset();
                tables.add(new Table(name, count, end - start));
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new InvalidSnapshotException("state body is malformed");
            }
        } catch (InvalidSnapshotException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidSnapshotException("state body is malformed: " + e.getMessage(), e);
        }
        if (lastIndex < 0) {
            throw new InvalidSnapshotException("state has no LastIndex");
        }
        tables.sort(Comparator.comparingLong(Table::size).reversed().thenComparing(Table::name));
        return new Summary(lastIndex, List.copyOf(tables), state.length);
    }

    /** Validates the header line and returns where the JSON body starts. */
    static int checkHeader(byte[] state) throws InvalidSnapshotException {
        int nl = -1;
        for (int i = 0; i < Math.min(state.length, 64); i++) {
            if (state[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            throw new InvalidSnapshotException("state file has no header line");
        }
        String header = new String(state, 0, nl, StandardCharsets.US_ASCII);
        if (!header.startsWith(MAGIC + " ")) {
            throw new InvalidSnapshotException("not a Proconsul state file (header \"" + header + "\")");
        }
        if (!header.equals(MAGIC + " 1")) {
            throw new InvalidSnapshotException("unsupported state format version "
                    + header.substring(MAGIC.length() + 1) + " (this build reads version 1)");
        }
        return nl + 1;
    }
}
