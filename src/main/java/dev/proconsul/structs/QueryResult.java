package dev.proconsul.structs;

/** A read's value with its {@link QueryMeta}. The value may be null where Consul answers null (unknown node). */
public record QueryResult<T>(T value, QueryMeta meta) {
}
