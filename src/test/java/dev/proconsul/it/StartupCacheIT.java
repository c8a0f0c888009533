package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On JDK 25 and newer the launcher gives agents an ahead-of-time cache made by one training run per build
 * (bin/lib/common.sh): after an agent has started through bin/proconsul, the cache is there, belongs to the
 * current jar, and the training run itself went through start, requests and a clean stop.
 */
class StartupCacheIT {

    @Test
    void agentStartLeavesACacheForTheCurrentJar() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        assumeTrue(!"0".equals(System.getenv("PROCONSUL_CDS")), "start-up caches turned off");
        Path target = AgentProcess.launcher().getParent().getParent().resolve("target");
        try (AgentProcess agent = AgentProcess.startDev()) {
            assertThat(RawHttp.of(agent).get("/v1/status/leader").status()).isEqualTo(200);
        }
        Path jar;
        List<Path> caches;
        try (Stream<Path> s = Files.list(target)) {
            List<Path> files = s.toList();
            jar = files.stream().filter(p -> p.getFileName().toString().matches("proconsul-.*\\.jar")
                    && !p.getFileName().toString().startsWith("original-")).findFirst().orElseThrow();
            caches = files.stream().filter(p -> p.getFileName().toString().matches("proconsul-agent-.*\\.aot")).toList();
        }
        assertThat(caches).as("caches in %s", target).hasSize(1);
        assertThat(Files.getLastModifiedTime(caches.getFirst()))
                .isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
        assertThat(Files.size(caches.getFirst())).isGreaterThan(1 << 20);
        String training = Files.readString(target.resolve("aot-training.log"));
        assertThat(training).doesNotContain("Exception").doesNotContain("[ERROR]");
    }
}
