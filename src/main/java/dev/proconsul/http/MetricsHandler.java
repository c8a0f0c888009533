package dev.proconsul.http;

import dev.proconsul.metrics.MetricsRegistry;
import dev.proconsul.metrics.PrometheusFormat;
import java.nio.charset.StandardCharsets;

/** /v1/agent/metrics: Consul's JSON summary, or Prometheus text with {@code ?format=prometheus}. */
final class MetricsHandler implements HandlerGroup {
    private final MetricsRegistry metrics;

    MetricsHandler(MetricsRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/agent/metrics", req -> {
            String format = req.param("format");
            if ("prometheus".equals(format)) {
                byte[] body = PrometheusFormat.render(metrics.snapshot()).getBytes(StandardCharsets.UTF_8);
                return Reply.raw(200, PrometheusFormat.CONTENT_TYPE, body);
            }
            if (format != null && !format.isEmpty()) {
                throw HttpError.badRequest("Invalid format: \"" + format + "\" (supported: prometheus)");
            }
            return Reply.json(metrics.snapshot());
        });
    }
}
