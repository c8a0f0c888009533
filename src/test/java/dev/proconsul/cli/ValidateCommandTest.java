package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** validate: the agent's config loading without an agent, exit 1 with file and line. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aCompleteConfigDirectoryIsValid() throws Exception {
        file("conf/base.hcl", """
                data_dir = "/tmp/consul"
                datacenter = "dc1"
                ports {
                  http = 8500
                }
                """);
        file("conf/web.json", """
                {"service": {"name": "web", "port": 80, "check": {"ttl": "10s"}}}
                """);
        file("conf/notes.txt", "ignored, as the agent ignores it");

        CliRun r = CliRun.run("validate", dir.resolve("conf").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Configuration is valid!\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void quietPrintsNothingOnSuccess() throws Exception {
        Path f = file("a.hcl", "data_dir = \"/tmp/x\"\n");
        CliRun r = CliRun.run("validate", "-quiet", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void configFormatAppliesToFilesWithoutAKnownExtension() throws Exception {
        Path f = file("agent.conf", "{\"data_dir\": \"/tmp/x\"}");
        assertThat(CliRun.run("validate", f.toString()).exit()).isEqualTo(1);
        CliRun r = CliRun.run("validate", "-config-format=json", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Configuration is valid!\n");
    }

    @Test
    void anUnknownKeyFailsValidationInConsulsWords() throws Exception {
        Path f = file("a.hcl", "data_dir = \"/tmp/x\"\nfoo = 1\n");
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("Config validation failed: failed to parse " + f
                + ": 1 error occurred:\n\t* invalid config key foo\n\n\n");
    }

    @Test
    void aKeyWhoseFeatureIsNotBuiltIsValidWithAWarning() throws Exception {
        Path f = file("a.hcl", "data_dir = \"/tmp/x\"\ncert_file = \"/c.pem\"\n");
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Configuration is valid!\n");
        assertThat(r.err()).contains("no effect yet").contains("cert_file (TLS)");
    }

    @Test
    void aSyntaxErrorNamesFileAndLine() throws Exception {
        Path f = file("bad.hcl", """
                data_dir = "/tmp/x"
                ports {
                  http = = 1
                }
                """);
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Config validation failed: " + f + ":3").hasLineCount(1);
    }

    @Test
    void aBadValueNamesFileLineAndKey() throws Exception {
        Path f = file("bad.json", """
                {
                  "data_dir": "/tmp/x",
                  "ports": {"http": "eighty"}
                }
                """);
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Config validation failed: " + f + ":3").contains("ports.http")
                .hasLineCount(1);
    }

    @Test
    void aFragmentWithoutTheRequiredSettingsIsRefused() throws Exception {
        Path f = file("frag.hcl", "datacenter = \"dc1\"\n");
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Config validation failed: data_dir cannot be empty\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "validate                         | Must specify at least one config file or directory",
            "validate -config-format=yaml x   | -config-format must be either 'hcl' or 'json'",
            "validate -bogus x                | flag provided but not defined: -bogus",
            "validate /no/such/dir            | Config validation failed: /no/such/dir: no such file or directory",
    })
    void badInvocationsFailWithOneLine(String args, String error) {
        CliRun r = CliRun.run(args.trim().split("\\s+"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(error + "\n");
    }

    /** Definitions the agent would refuse at start are refused here too, with the file and line of the definition. */
    static Stream<Arguments> refusedDefinitions() {
        return Stream.of(
                Arguments.of("""
                        service { name = "web" }
                        service { name = "web" }
                        """, 2, "duplicate service ID \"web\""),
                Arguments.of("""
                        service {
                          name = "web"
                          check { http = "http://localhost:1/" }
                        }
                        """, 3, "Interval must be > 0"),
                Arguments.of("""
                        service {
                          name = "web"
                          check { ttl = "ten" }
                        }
                        """, 3, "invalid duration \"ten\""),
                Arguments.of("""
                        check {
                          name = "c"
                          args = ["/bin/true"]
                          interval = "1s"
                        }
                        """, 1, "script"),
                Arguments.of("""
                        check {
                          name = "c"
                          service_id = "nope"
                          ttl = "5s"
                        }
                        """, 1, "ServiceID \"nope\" does not exist"));
    }

    @ParameterizedTest
    @MethodSource("refusedDefinitions")
    void definitionsTheAgentWouldRefuseAreRefused(String text, int line, String reason) throws Exception {
        Path f = file("defs.hcl", "data_dir = \"/tmp/x\"\n" + text);
        CliRun r = CliRun.run("validate", f.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).startsWith("Config validation failed: " + f + ":" + (line + 1)).contains(reason)
                .hasLineCount(1);
    }
}
