package dev.proconsul.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the shared HCL corpus: valid files must decode to exactly the value HashiCorp's HCL v1 gives,
 * invalid ones must fail on the same line (and, as we match those too, the same column and wording).
 */
class HclCorpusTest {
    private static final Pattern POSITIONED = Pattern.compile("At (\\d+):(\\d+): (.*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The corpus is vendored in src/test/resources/hcl-corpus (copied from HashiCorp's HCL v1 outputs, see its README). */
    static Path corpusDir() {
        URL readme = HclCorpusTest.class.getClassLoader().getResource("hcl-corpus/README.md");
        if (readme == null) {
            throw new IllegalStateException("HCL corpus not on the test classpath (src/test/resources/hcl-corpus)");
        }
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("HCL corpus at an unusable location: " + readme, e);
        }
    }

    static Stream<Path> cases() throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.list(corpusDir())) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".hcl")).sorted().toList();
        }
        if (found.isEmpty()) {
            // a parameterized test with no arguments would pass silently
            throw new IllegalStateException("HCL corpus has no .hcl cases in " + corpusDir());
        }
        return found.stream();
    }

    @Test
    void corpusIsComplete() throws IOException {
        List<Path> all = cases().toList();
        assertThat(all).hasSize(87);
        assertThat(all.stream().filter(p -> p.getFileName().toString().contains("-err-"))).hasSize(27);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithHclV1(Path hcl) throws Exception {
        String name = hcl.getFileName().toString();
        String text = Files.readString(hcl, StandardCharsets.UTF_8);
        String base = name.substring(0, name.length() - ".hcl".length());
        if (!name.contains("-err-")) {
            Object expected = JSON.readValue(hcl.resolveSibling(base + ".json").toFile(), Object.class);
            Map<String, Object> actual = HclParser.parseToMap(text, name);
            assertSameValue("$", actual, expected);
            return;
        }
        String error = Files.readString(hcl.resolveSibling(base + ".error"), StandardCharsets.UTF_8).strip();
        assertThatThrownBy(() -> HclParser.parse(text, name))
                .isInstanceOf(ConfigException.class)
                .satisfies(t -> {
                    ConfigException e = (ConfigException) t;
                    assertThat(e.file()).isEqualTo(name);
                    Matcher m = POSITIONED.matcher(error);
                    if (m.matches()) {
                        assertThat(e.line()).as("line of " + e.getMessage()).isEqualTo(Integer.parseInt(m.group(1)));
                        assertThat(e.column()).as("column of " + e.getMessage())
                                .isEqualTo(Integer.parseInt(m.group(2)));
                        assertThat(e.reason()).isEqualTo(m.group(3));
                        assertThat(e.getMessage()).startsWith(name + ":" + m.group(1) + ":" + m.group(2) + ": ");
                    } else {
                        // HCL v1 gives no position for this one (82, integer overflow): the wording must match
                        assertThat(e.reason()).isEqualTo(error);
                    }
                });
    }

    /** Compares as JSON values: integers exactly as 64-bit, floats by value (HCL's 1.0 is printed as 1). */
    static void assertSameValue(String path, Object actual, Object expected) {
        if (expected instanceof Map<?, ?> em) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            Map<?, ?> am = (Map<?, ?>) actual;
            assertThat(List.<Object>copyOf(am.keySet())).as(path + " keys").containsExactlyInAnyOrderElementsOf(List.<Object>copyOf(em.keySet()));
            for (Map.Entry<?, ?> e : em.entrySet()) {
                assertSameValue(path + "." + e.getKey(), am.get(e.getKey()), e.getValue());
            }
        } else if (expected instanceof List<?> el) {
            assertThat(actual).as(path).isInstanceOf(List.class);
            List<?> al = (List<?>) actual;
            assertThat(al).as(path + " size").hasSize(el.size());
            for (int i = 0; i < el.size(); i++) {
                assertSameValue(path + "[" + i + "]", al.get(i), el.get(i));
            }
        } else if (expected instanceof Integer || expected instanceof Long || expected instanceof BigInteger) {
            long want = ((Number) expected).longValue();
            if (actual instanceof Long l) {
                assertThat(l).as(path).isEqualTo(want);
            } else if (actual instanceof Double d) {
                assertThat(d).as(path + " (a float printed without fraction)").isEqualTo((double) want);
            } else {
                fail(path + ": expected number " + expected + " but got " + actual);
            }
        } else if (expected instanceof Double d) {
            assertThat(actual).as(path).isInstanceOf(Double.class);
            assertThat((Double) actual).as(path).isEqualTo(d);
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
