package dev.proconsul.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What users of the parsers rely on beyond the corpus: positions of keys and values, and bad input handled. */
class HclParserTest {

    @Test
    void keysAndValuesKeepTheirPositions() throws Exception {
        ObjectNode root = HclParser.parse("a = 1\n\nports {\n  http = \"x\"\n}\n", "f.hcl");
        assertThat(root.member("a").keyPosition()).isEqualTo(new Position("f.hcl", 1, 1));
        ObjectNode ports = (ObjectNode) ((ListNode) root.get("ports")).get(0);
        assertThat(ports.member("http").keyPosition()).isEqualTo(new Position("f.hcl", 4, 3));
        assertThat(ports.get("http").position()).isEqualTo(new Position("f.hcl", 4, 10));
    }

    @Test
    void jsonKeysAndValuesKeepTheirPositions() throws Exception {
        ObjectNode root = JsonConfigParser.parse("{\n  \"ports\": {\n    \"http\": 8500\n  }\n}", "f.json");
        ObjectNode ports = (ObjectNode) root.get("ports");
        assertThat(ports.member("http").keyPosition().line()).isEqualTo(3);
        assertThat(ports.get("http").position().line()).isEqualTo(3);
        assertThat(ports.get("http").toPlain()).isEqualTo(8500L);
    }

    @Test
    void integersAreLongsAndFloatsDoubles() throws Exception {
        Map<String, Object> v = HclParser.parseToMap("i = 9007199254740993\nf = 1.0\n", "f.hcl");
        assertThat(v.get("i")).isEqualTo(9007199254740993L);
        assertThat(v.get("f")).isEqualTo(1.0d);
        Map<String, Object> j = JsonConfigParser.parseToMap("{\"i\": 9007199254740993, \"f\": 1.0}", "f.json");
        assertThat(j).isEqualTo(v);
    }

    @Test
    void absurdNestingIsAnErrorNotACrash() {
        String deep = "a = " + "[".repeat(100_000);
        assertThatThrownBy(() -> HclParser.parse(deep, "deep.hcl"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deep.hcl:1:");
        String deepJson = "{\"a\": " + "[".repeat(100_000);
        assertThatThrownBy(() -> JsonConfigParser.parse(deepJson, "deep.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("deep.json:1:");
    }

    @Test
    void fileStartingWithBraceIsReadAsJsonAsHclDoes() throws Exception {
        assertThat(HclParser.parseToMap("{\"a\": [1]}", "f.hcl")).isEqualTo(Map.of("a", List.of(1L)));
    }

    @Test
    void byteOrderMarkIsIgnored() throws Exception {
        assertThat(HclParser.parseToMap("\uFEFFa = 1", "f.hcl")).isEqualTo(Map.of("a", 1L));
    }
}
