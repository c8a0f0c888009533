package dev.proconsul.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proconsul.structs.EndpointException;
import dev.proconsul.structs.QueryOptions;
import java.util.List;

/**
 * A compiled {@code ?filter=} expression applied to result rows as Consul's JSON shows them. Compiled before the
 * read runs so that a bad expression fails fast with Consul's message, without blocking.
 */
public final class ResultFilter {
    public static final String PARSE_ERROR_PREFIX = Filter.CONSUL_ERROR_PREFIX;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResultFilter NONE = new ResultFilter(null);

    private final Filter filter;

    private ResultFilter(Filter filter) {
        this.filter = filter;
    }

    public static ResultFilter compile(QueryOptions opts) {
        if (!opts.hasFilter()) {
            return NONE;
        }
        try {
            return new ResultFilter(Filter.parse(opts.filter()));
        } catch (FilterException e) {
            throw EndpointException.badRequest(PARSE_ERROR_PREFIX + e.getMessage());
        }
    }

    public boolean isNone() {
        return filter == null;
    }

    public <T> List<T> apply(List<T> rows) {
        if (filter == null || rows == null) {
            return rows;
        }
        return filter.apply(rows, ResultFilter::toJson);
    }

    public boolean matches(Object row) {
        return filter == null || filter.matches(toJson(row));
    }

    static JsonNode toJson(Object row) {
        return JSON.valueToTree(row);
    }
}
