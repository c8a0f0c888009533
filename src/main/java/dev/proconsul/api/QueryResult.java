package dev.proconsul.api;

/** A read's value together with its {@link QueryMeta}. */
public record QueryResult<T>(T value, QueryMeta meta) {
}
