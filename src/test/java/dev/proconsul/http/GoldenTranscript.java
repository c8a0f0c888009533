package dev.proconsul.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proconsul.testing.GoldenSections;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One golden file of HTTP exchanges under src/test/resources/golden/api: each exchange is a section
 * {@code ### title}, the request line (and body), the status, the response headers that matter and the body exactly
 * as sent, after {@link GoldenNormaliser}. Sections are compared as they are made; {@link #finish()} checks that
 * no section of the file was left unvisited. With {@code -Dgolden.update=true} the file is rewritten instead (same
 * switch as the DNS golden test); review the diff before committing it.
 */
final class GoldenTranscript {
    private static final boolean UPDATE = GoldenSections.UPDATE;
    private static final Path DIR = Path.of("src/test/resources/golden/api");
    /** Per connection or per moment; everything else the server sends is part of the golden answer. */
    private static final Set<String> UNCOMPARED_HEADERS = Set.of("date", "content-length");

    private final ApiClient api;
    private final Path file;
    private final GoldenNormaliser normaliser = new GoldenNormaliser();
    private final Map<String, String> actual = new LinkedHashMap<>();
    private final Map<String, String> golden;

    GoldenTranscript(ApiClient api, String name) throws IOException {
        this.api = api;
        this.file = DIR.resolve(name + ".txt");
        if (!UPDATE && !Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run with -Dgolden.update=true to create it");
        }
        this.golden = UPDATE ? Map.of() : GoldenSections.read(file);
    }

    HttpResponse<byte[]> send(String title, String method, String path, String body) throws Exception {
        return send(title, method, path, body, UnaryOperator.identity());
    }

    /** Sends one request and compares the answer; {@code extra} normalises what only this answer has. */
    HttpResponse<byte[]> send(String title, String method, String path, String body, UnaryOperator<String> extra)
            throws Exception {
        HttpResponse<byte[]> r = api.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(normaliser.apply(path, GoldenNormaliser.REQUEST_RULES)).append('\n');
        if (body != null) {
            sb.append("> ").append(normaliser.apply(body, GoldenNormaliser.REQUEST_RULES)).append('\n');
        }
        sb.append(r.statusCode()).append('\n');
        r.headers().map().forEach((name, values) -> {
            if (!UNCOMPARED_HEADERS.contains(name.toLowerCase())) {
                for (String value : values) {
                    sb.append(name).append(": ").append(headerValue(name, value)).append('\n');
                }
            }
        });
        sb.append('\n').append(extra.apply(normaliser.apply(renderBody(r), GoldenNormaliser.BODY_RULES))).append('\n');
        record(title, sb.toString());
        return r;
    }

    private String headerValue(String name, String value) {
        return name.equalsIgnoreCase("X-Consul-Index") ? normaliser.placeholder(GoldenNormaliser.INDEX, value)
                : normaliser.apply(value, GoldenNormaliser.BODY_RULES);
    }

    /** Text bodies verbatim; a binary one (a snapshot archive) only by its type, as its bytes differ every run. */
    private static String renderBody(HttpResponse<byte[]> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json") || type.startsWith("text/") || type.isEmpty()) {
            return ApiClient.text(r);
        }
        return "<binary body of " + type + ">";
    }

    private void record(String title, String section) {
        if (actual.putIfAbsent(title, section) != null) {
            throw new IllegalArgumentException("two sections titled " + title + " in " + file);
        }
        if (!UPDATE) {
            assertThat(section).as("%s ### %s (rerun with -Dgolden.update=true after a deliberate change)",
                    file, title).isEqualTo(golden.get(title));
        }
    }

    /** Writes the file in update mode; otherwise fails if the golden file has sections this run did not produce. */
    void finish() throws IOException {
        if (UPDATE) {
            GoldenSections.write(file, actual);
            return;
        }
        assertThat(List.copyOf(actual.keySet())).as("sections of " + file)
                .containsExactlyElementsOf(List.copyOf(golden.keySet()));
    }
}
