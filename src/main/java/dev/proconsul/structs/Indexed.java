package dev.proconsul.structs;

/** A read result and the index a blocking query compares against (X-Consul-Index; never 0, at least 1). */
public record Indexed<T>(long index, T value) {
}
