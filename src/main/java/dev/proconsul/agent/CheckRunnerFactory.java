package dev.proconsul.agent;

import dev.proconsul.agent.checks.AliasRunner;
import dev.proconsul.agent.checks.CheckRunner;
import dev.proconsul.agent.checks.DockerEngine;
import dev.proconsul.agent.checks.DockerProbe;
import dev.proconsul.agent.checks.GrpcProbe;
import dev.proconsul.agent.checks.H2PingProbe;
import dev.proconsul.agent.checks.HttpProbe;
import dev.proconsul.agent.checks.IntervalRunner;
import dev.proconsul.agent.checks.Probe;
import dev.proconsul.agent.checks.ScriptProbe;
import dev.proconsul.agent.checks.StatusSink;
import dev.proconsul.agent.checks.StatusThresholds;
import dev.proconsul.agent.checks.TcpProbe;
import dev.proconsul.agent.checks.TtlRunner;
import dev.proconsul.agent.checks.UdpProbe;
import java.time.Duration;

/** Builds the runner for a check definition, with Consul's default timeouts. */
final class CheckRunnerFactory {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    private CheckRunnerFactory() {
    }

    /**
     * @param aliasSource what an alias check mirrors
     * @throws IllegalArgumentException when the target cannot be used (e.g. "host" without a port)
     */
    static CheckRunner create(String checkId, CheckDefinition def, StatusSink sink, AliasRunner.Source aliasSource) {
        String type = def.type();
        if (CheckDefinition.TTL.equals(type)) {
            return new TtlRunner(def.ttl(), sink);
        }
        if (CheckDefinition.ALIAS.equals(type)) {
            String what = def.aliasService().isEmpty() ? "node " + def.aliasNode() : def.aliasService();
            return new AliasRunner(what, aliasSource, sink);
        }
        Probe probe = switch (type) {
            case CheckDefinition.HTTP -> new HttpProbe(def.http(), def.method(), def.header(), def.body(),
                    def.tlsSkipVerify(), def.tlsServerName(), def.disableRedirects());
            case CheckDefinition.TCP -> new TcpProbe(def.tcp());
            case CheckDefinition.UDP -> new UdpProbe(def.udp());
            case CheckDefinition.GRPC -> new GrpcProbe(def.grpc(), def.grpcUseTls(), def.tlsSkipVerify());
            case CheckDefinition.H2PING -> new H2PingProbe(def.h2ping(), def.h2pingUseTls(), def.tlsSkipVerify());
            case CheckDefinition.SCRIPT -> new ScriptProbe(def.args());
            case CheckDefinition.DOCKER -> new DockerProbe(DockerEngine.fromEnvironment(System.getenv()),
                    def.dockerContainerId(), def.args());
            default -> throw new IllegalArgumentException("checks of type " + type + " are not supported by this "
                    + "agent");
        };
        Duration timeout = def.timeout() != null && !def.timeout().isZero() ? def.timeout()
                : CheckDefinition.SCRIPT.equals(type) || CheckDefinition.DOCKER.equals(type) ? DEFAULT_SCRIPT_TIMEOUT
                : DEFAULT_TIMEOUT;
        StatusSink thresholds = new StatusThresholds(sink, def.successBeforePassing(), def.failuresBeforeWarning(),
                def.failuresBeforeCritical());
        return new IntervalRunner(checkId, probe, def.interval(), timeout, thresholds);
    }
}
