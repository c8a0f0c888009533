package dev.proconsul.metrics;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsRegistryTest {
    @Test
    void aggregatesSamplesAndCounters() {
        MetricsRegistry r = new MetricsRegistry();
        r.addSample("consul.kvs.apply", 2);
        r.addSample("consul.kvs.apply", 4);
        r.incrCounter("consul.raft.apply", 1);
        r.incrCounter("consul.raft.apply", 1);
        r.setGauge("consul.session_ttl.active", 3);
        MetricsSnapshot s = r.snapshot();
        MetricsSnapshot.Summary sample = s.samples().get(0);
        assertThat(sample.count()).isEqualTo(2);
        assertThat(sample.sum()).isEqualTo(6);
        assertThat(sample.min()).isEqualTo(2);
        assertThat(sample.max()).isEqualTo(4);
        assertThat(sample.mean()).isEqualTo(3);
        assertThat(sample.stddev()).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.counters().get(0).sum()).isEqualTo(2);
        assertThat(s.gauges()).extracting(MetricsSnapshot.Gauge::value).containsExactly(3.0);
    }

    @Test
    void labelsSeparateSeriesRegardlessOfOrder() {
        MetricsRegistry r = new MetricsRegistry();
        r.addSample("consul.api.http", 1, Map.of("method", "GET", "path", "v1_kv_"));
        r.addSample("consul.api.http", 1, Map.of("path", "v1_kv_", "method", "GET"));
        r.addSample("consul.api.http", 1, Map.of("method", "PUT", "path", "v1_kv_"));
        assertThat(r.snapshot().samples()).hasSize(2);
    }

    @Test
    void prometheusTextUsesUnderscoredNamesAndTypes() {
        MetricsRegistry r = new MetricsRegistry();
        r.incrCounter("consul.raft.apply", 3);
        r.setGauge("consul.runtime.num_goroutines", 12);
        r.addSample("consul.api.http", 1.5, Map.of("method", "GET", "path", "v1_kv_"));
        String text = PrometheusFormat.render(r.snapshot());
        assertThat(text)
                .contains("# TYPE consul_raft_apply counter\nconsul_raft_apply 3\n")
                .contains("# TYPE consul_runtime_num_goroutines gauge\nconsul_runtime_num_goroutines 12\n")
                .contains("# TYPE consul_api_http summary\n")
                .contains("consul_api_http_sum{method=\"GET\",path=\"v1_kv_\"} 1.5\n")
                .contains("consul_api_http_count{method=\"GET\",path=\"v1_kv_\"} 1\n");
    }

    @Test
    void runtimeGaugesAreReadAtCollection() {
        MetricsRegistry r = new MetricsRegistry();
        RuntimeGauges.register(r);
        assertThat(r.snapshot().gauges()).extracting(MetricsSnapshot.Gauge::name)
                .contains("consul.runtime.alloc_bytes", "consul.runtime.num_goroutines");
    }
}
