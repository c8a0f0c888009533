package dev.proconsul.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The body of /v1/agent/metrics, with Consul's field names. */
public record MetricsSnapshot(
        @JsonProperty("Timestamp") String timestamp,
        @JsonProperty("Gauges") List<Gauge> gauges,
        @JsonProperty("Points") List<Object> points,
        @JsonProperty("Counters") List<Summary> counters,
        @JsonProperty("Samples") List<Summary> samples) {

    public record Gauge(
            @JsonProperty("Name") String name,
            @JsonProperty("Value") double value,
            @JsonProperty("Labels") Map<String, String> labels) {
    }

    /** Aggregate of a counter or a sample series. */
    public record Summary(
            @JsonProperty("Name") String name,
            @JsonProperty("Count") long count,
            @JsonProperty("Sum") double sum,
            @JsonProperty("Min") double min,
            @JsonProperty("Max") double max,
            @JsonProperty("Mean") double mean,
            @JsonProperty("Stddev") double stddev,
            @JsonProperty("Labels") Map<String, String> labels) {
    }
}
