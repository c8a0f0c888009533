package dev.proconsul.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proconsul.config.ConfigLoader;
import dev.proconsul.raft.DirectRaftNode;
import dev.proconsul.server.Server;
import dev.proconsul.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker checks are gated like script checks, and without an engine they register but go critical. */
class DockerCheckRegistrationTest {
    private static final String CHECK = "{\"Name\": \"in-container\", \"DockerContainerID\": \"web-1\", "
            + "\"Args\": [\"/bin/check\"], \"Interval\": \"10s\"}";

    @TempDir
    Path dataDir;
    private AgentServices services;

    private AgentServices services(boolean scripts, boolean localScripts) {
        DirectRaftNode raft = new DirectRaftNode(new StateStore(), "127.0.0.1:8300");
        CatalogAccess catalog = new ServerCatalogAccess(Server.builder(raft).build());
        services = new AgentServices(new AgentServices.Settings("node1", scripts, localScripts, 21000, 21255,
                dataDir), new LocalState(), catalog);
        return services;
    }

    @AfterEach
    void tearDown() {
        if (services != null) {
            services.close();
        }
    }

    private static CheckDefinition check() throws Exception {
        return CheckDefinition.read(ConfigLoader.parse(CHECK, "b", "json"));
    }

    @Test
    void refusedWhenScriptChecksAreDisabled() {
        AgentServices s = services(false, false);
        assertThatThrownBy(() -> s.registerCheck(check(), LocalState.Source.API, CHECK))
                .hasMessageContaining("Scripts are disabled on this agent");
    }

    @Test
    void localScriptChecksAllowConfigButNotApiRegistrations() throws Exception {
        AgentServices s = services(false, true);
        assertThatThrownBy(() -> s.registerCheck(check(), LocalState.Source.API, CHECK))
                .hasMessageContaining("Scripts are disabled on this agent");
        s.registerCheck(check(), LocalState.Source.CONFIG, null);
        assertThat(s.state().check("in-container").check().type()).isEqualTo("docker");
    }

    @Test
    void withoutAnEngineTheCheckIsAcceptedAndGoesCriticalSayingWhy() throws Exception {
        assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock")),
                "a Docker engine may be reachable here");
        AgentServices s = services(true, false);
        s.registerCheck(check(), LocalState.Source.API, CHECK);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(s.state().check("in-container").check().output())
                        .startsWith("Unable to connect to Docker: "));
        assertThat(s.state().check("in-container").check().status()).isEqualTo("critical");
    }

    @Test
    void aDockerCheckWithoutArgsIsInvalid() throws Exception {
        AgentServices s = services(true, false);
        String body = "{\"Name\": \"x\", \"DockerContainerID\": \"web-1\", \"Interval\": \"10s\"}";
        assertThatThrownBy(() -> s.registerCheck(CheckDefinition.read(ConfigLoader.parse(body, "b", "json")),
                LocalState.Source.API, body)).hasMessageContaining("Invalid check");
    }
}
