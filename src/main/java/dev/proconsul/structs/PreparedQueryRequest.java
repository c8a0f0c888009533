package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Creates, updates or deletes a prepared query. The server has chosen a create's ID and validated the query's
 * fields before the command enters the log; the store checks what depends on other rows (names, sessions,
 * templates). A delete needs only the ID.
 */
public record PreparedQueryRequest(@JsonProperty("Op") Op op, @JsonProperty("Query") PreparedQuery query)
        implements Command {

    public enum Op {
        @JsonProperty("create") CREATE,
        @JsonProperty("update") UPDATE,
        @JsonProperty("delete") DELETE
    }
}
