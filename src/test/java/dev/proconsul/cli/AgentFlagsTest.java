package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentFlagsTest {

    private static AgentFlags parse(String... args) {
        return AgentFlags.parse(List.of(args));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "-node          | n1          | {node_name=n1}",
            "-node-id       | abc         | {node_id=abc}",
            "-datacenter    | dc2         | {datacenter=dc2}",
            "-data-dir      | /tmp/d      | {data_dir=/tmp/d}",
            "-bind          | 10.0.0.1    | {bind_addr=10.0.0.1}",
            "-client        | 0.0.0.0     | {client_addr=0.0.0.0}",
            "-advertise     | 10.0.0.2    | {advertise_addr=10.0.0.2}",
            "-advertise-wan | 1.2.3.4     | {advertise_addr_wan=1.2.3.4}",
            "-serf-lan-bind | 10.0.0.3    | {serf_lan=10.0.0.3}",
            "-http-port     | 0           | {ports={http=0}}",
            "-https-port    | 8501        | {ports={https=8501}}",
            "-grpc-port     | 8502        | {ports={grpc=8502}}",
            "-grpc-tls-port | 8503        | {ports={grpc_tls=8503}}",
            "-dns-port      | -1          | {ports={dns=-1}}",
            "-serf-lan-port | 8301        | {ports={serf_lan=8301}}",
            "-serf-wan-port | 8302        | {ports={serf_wan=8302}}",
            "-server-port   | 8300        | {ports={server=8300}}",
            "-bootstrap-expect | 3        | {bootstrap_expect=3}",
            "-log-level     | debug       | {log_level=debug}",
            "-pid-file      | /run/c.pid  | {pid_file=/run/c.pid}",
            "-encrypt       | a2V5        | {encrypt=a2V5}",
            "-domain        | example.    | {domain=example.}",
            "-ui-dir        | /ui         | {ui_config={dir=/ui}}",
            "-retry-join    | 10.0.0.9    | {retry_join=[10.0.0.9]}",
            "-join          | 10.0.0.8    | {retry_join=[10.0.0.8]}",
            "-recursor      | 8.8.8.8     | {recursors=[8.8.8.8]}",
            "-config-format | json        | {config_format=json}",
            "-node-meta     | rack:r1     | {node_meta={rack=r1}}",
    })
    void eachValueFlagMapsToItsConfigKey(String flag, String value, String expected) {
        assertThat(parse(flag, value).overrides()).hasToString(expected);
        assertThat(parse(flag + "=" + value).overrides()).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-server     | {server=true}",
            "-bootstrap  | {bootstrap=true}",
            "-ui         | {ui_config={enabled=true}}",
            "-log-json   | {log_json=true}",
            "-rejoin     | {rejoin_after_leave=true}",
            "-syslog     | {enable_syslog=true}",
            "-server=false | {server=false}",
            "--server    | {server=true}",
            "-server=0   | {server=false}",
            "-server=T   | {server=true}",
            "-non-voting-server | {read_replica=true}",
    })
    void booleanFlagsMapToTrueOrTheGivenValue(String flag, String expected) {
        assertThat(parse(flag).overrides()).hasToString(expected);
    }

    @Test
    void fullDevCommandLine() {
        AgentFlags f = parse("-dev", "-node", "dev1", "-http-port", "0", "-dns-port=0", "-client", "127.0.0.1",
                "-node-meta", "a:b", "-node-meta=c:d:e", "-retry-join", "x", "-retry-join", "y",
                "-config-file", "a.hcl", "-config-file=b.json", "-config-dir", "conf.d", "-hcl", "x = 1",
                "-hcl", "y = 2");

        assertThat(f.dev()).isTrue();
        assertThat(f.configFiles()).containsExactly(Path.of("a.hcl"), Path.of("b.json"));
        assertThat(f.configDirs()).containsExactly(Path.of("conf.d"));
        Map<String, Object> o = f.overrides();
        assertThat(o).containsEntry("node_name", "dev1")
                .containsEntry("client_addr", "127.0.0.1")
                .containsEntry("ports", Map.of("http", 0, "dns", 0))
                .containsEntry("node_meta", Map.of("a", "b", "c", "d:e"))
                .containsEntry("retry_join", List.of("x", "y"))
                .containsEntry(AgentFlags.HCL, List.of("x = 1", "y = 2"))
                .doesNotContainKeys("server", "ui_config", "datacenter");
    }

    @Test
    void joinAndRetryJoinBothFeedRetryJoinInOrder() {
        assertThat(parse("-retry-join", "b", "-join", "a", "-join-wan", "w").overrides())
                .containsEntry("retry_join", List.of("a", "b"))
                .containsEntry("retry_join_wan", List.of("w"));
    }

    @Test
    void repeatedScalarFlagKeepsTheLastValue() {
        assertThat(parse("-node", "a", "-node=b", "-http-port", "1", "-http-port", "2").overrides())
                .hasToString("{node_name=b, ports={http=2}}");
    }

    @Test
    void flagsStopAtTheFirstArgument() {
        AgentFlags f = parse("-server", "extra", "-node", "n1");
        assertThat(f.args()).containsExactly("extra", "-node", "n1");
        assertThat(f.overrides()).hasToString("{server=true}");

        CliRun run = CliRun.run("agent", "-server", "false");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: unexpected arguments: false\n");
    }

    @Test
    void helpListsEveryFlagAndExitsZero() {
        CliRun help = CliRun.run("agent", "-h");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: proconsul agent [options]")
                .contains("  -retry-join=<address>\n     Agent to join, retrying until it works; repeatable.\n")
                .contains("  -read-replica, -non-voting-server\n")
                .contains("  -http-port=<int>\n");
        for (GoFlagSet.Flag flag : AgentFlags.FLAG_SET.flags()) {
            assertThat(help.out()).contains("  -" + flag.name());
        }
        assertThat(CliRun.run("agent", "-node", "x", "--help").exit()).isZero();
    }

    @Test
    void noFlagsNoOverrides() {
        assertThat(parse().overrides()).isEmpty();
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        CliRun meta = CliRun.run("agent", "-node-meta", "novalue");
        assertThat(meta.exit()).isEqualTo(1);
        assertThat(meta.err()).isEqualTo("invalid value \"novalue\" for flag -node-meta: missing ':' in key:value\n");

        CliRun port = CliRun.run("agent", "-http-port", "abc");
        assertThat(port.exit()).isEqualTo(1);
        assertThat(port.err()).isEqualTo("invalid value \"abc\" for flag -http-port: parse error\n");

        CliRun format = CliRun.run("agent", "-config-format=yaml");
        assertThat(format.exit()).isEqualTo(1);
        assertThat(format.err()).isEqualTo("-config-format must be either 'hcl' or 'json'\n");

        CliRun unknown = CliRun.run("agent", "-frobnicate");
        assertThat(unknown.err()).isEqualTo("flag provided but not defined: -frobnicate\n");
    }
}
