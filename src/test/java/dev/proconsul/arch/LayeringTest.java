package dev.proconsul.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layering, enforced: data flows edge adapters → agent/server → state, never back up. The edges (HTTP,
 * DNS) reach the server side only through the endpoint interfaces; only the composition root (launch, and the agent
 * that builds its own Server) knows the concrete server, Raft and the store.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.proconsul");
    }

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("structs").definedBy("dev.proconsul.structs..")
                .layer("filter").definedBy("dev.proconsul.filter..")
                .layer("config").definedBy("dev.proconsul.config..")
                .layer("metrics").definedBy("dev.proconsul.metrics..")
                .layer("connect").definedBy("dev.proconsul.connect..")
                .layer("gossip").definedBy("dev.proconsul.gossip..")
                .layer("state").definedBy("dev.proconsul.state..")
                .layer("raft").definedBy("dev.proconsul.raft..")
                .layer("endpoint").definedBy("dev.proconsul.endpoint..")
                .layer("server").definedBy("dev.proconsul.server..")
                .layer("agent").definedBy("dev.proconsul.agent..")
                .layer("http").definedBy("dev.proconsul.http..")
                .layer("dns").definedBy("dev.proconsul.dns..")
                .layer("launch").definedBy("dev.proconsul.launch..")
                .layer("api").definedBy("dev.proconsul.api..")
                .layer("cli").definedBy("dev.proconsul.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("launch").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("api").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("http").mayOnlyBeAccessedByLayers("launch")
                .whereLayer("dns").mayOnlyBeAccessedByLayers("launch")
                .whereLayer("agent").mayOnlyBeAccessedByLayers("http", "dns", "launch")
                .whereLayer("server").mayOnlyBeAccessedByLayers("agent", "launch")
                .whereLayer("endpoint").mayOnlyBeAccessedByLayers("server", "agent", "http", "dns", "launch")
                .whereLayer("raft").mayOnlyBeAccessedByLayers("server", "agent", "launch")
                .whereLayer("gossip").mayOnlyBeAccessedByLayers("agent", "http", "dns", "launch")
                .whereLayer("state").mayOnlyBeAccessedByLayers("raft", "server", "agent", "launch")
                .whereLayer("connect").mayOnlyBeAccessedByLayers("server", "agent", "http", "dns", "launch")
                .whereLayer("config").mayOnlyBeAccessedByLayers("agent", "http", "dns", "launch", "cli")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("raft", "server", "agent", "http", "dns", "launch")
                .whereLayer("filter").mayOnlyBeAccessedByLayers("server", "agent", "http", "launch")
                .check(classes);
    }

    @Test
    void cliReachesAgentsOnlyThroughTheApiClientExceptForStartingOne() {
        // validate is the other exception: it runs the agent's own start-up checks without an agent, as Consul's does.
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("dev.proconsul.cli..")
                .and().doNotHaveSimpleName("AgentCommand")
                .and().doNotHaveSimpleName("ValidateCommand")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.proconsul.launch..", "dev.proconsul.agent..", "dev.proconsul.server..",
                        "dev.proconsul.raft..", "dev.proconsul.state..", "dev.proconsul.http..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void edgesSeeOnlyTheEndpointInterfacesNeverTheServerRaftOrStore() {
        noClasses().that().resideInAnyPackage("dev.proconsul.http..", "dev.proconsul.dns..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.proconsul.server..", "dev.proconsul.raft..", "dev.proconsul.state..")
                .because("HTTP and DNS get the server side as dev.proconsul.endpoint interfaces (DESIGN.md)")
                .check(classes);
    }

    @Test
    void theAgentTouchesNoStateTables() {
        noClasses().that().resideInAPackage("dev.proconsul.agent..")
                .should().dependOnClassesThat().resideInAPackage("dev.proconsul.state..")
                .check(classes);
    }

    @Test
    void endpointInterfacesCarryNoImplementationDependencies() {
        noClasses().that().resideInAPackage("dev.proconsul.endpoint..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proconsul.server..", "dev.proconsul.raft..",
                        "dev.proconsul.state..", "dev.proconsul.agent..", "dev.proconsul.http..",
                        "dev.proconsul.dns..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.proconsul.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Sub-packages too: e.g. server ↔ server.leader (leader duties get what they need by constructor). */
    @Test
    void noSubPackageCycles() {
        slices().matching("dev.proconsul.(**)").should().beFreeOfCycles().check(classes);
    }
}
