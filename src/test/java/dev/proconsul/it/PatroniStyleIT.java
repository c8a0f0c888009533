package dev.proconsul.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader-election sequence Patroni runs against Consul, driven through Debian's python3-consul against a real
 * agent process: a session with a TTL, the leader key taken with acquire and then updated with CAS, a renew loop,
 * a blocking GET on the leader key, and the key going away when the session is destroyed (Behavior delete).
 */
class PatroniStyleIT {
    /** Debian's interpreter, which is where python3-consul installs (a pyenv python on PATH would not see it). */
    private static final String PYTHON = "/usr/bin/python3";

    private static AgentProcess agent;

    static final String SCRIPT = """
            import sys, threading, time
            import consul

            host, port = sys.argv[1], int(sys.argv[2])
            c = consul.Consul(host=host, port=port)
            key = 'service/pg-cluster/leader'

            # Patroni: a session bound to no checks, short lock-delay, keys deleted when it ends.
            sid = c.session.create(name='pg-node1', ttl=15, lock_delay=0.001, behavior='delete', checks=[])
            info = c.session.info(sid)[1]
            assert info['TTL'] == '15s' and info['Behavior'] == 'delete', info

            # Take the leader key: acquire with the session.
            assert c.kv.put(key, 'pg-node1', acquire=sid) is True
            idx, data = c.kv.get(key)
            assert data['Session'] == sid and data['Value'] == b'pg-node1', data
            assert data['LockIndex'] == 1, data

            # A second member cannot take it while the first holds it.
            sid2 = c.session.create(name='pg-node2', ttl=15, checks=[])
            assert c.kv.put(key, 'pg-node2', acquire=sid2) is False

            # Update the leader key with CAS on its ModifyIndex; a stale CAS fails.
            assert c.kv.put(key, 'pg-node1-v2', cas=data['ModifyIndex']) is True
            assert c.kv.put(key, 'pg-node1-v3', cas=data['ModifyIndex']) is False
            idx, data = c.kv.get(key)
            assert data['Value'] == b'pg-node1-v2' and data['Session'] == sid, data

            # Renew loop, as the HA loop does every few seconds.
            for _ in range(3):
                renewed = c.session.renew(sid)
                assert renewed['ID'] == sid, renewed
                time.sleep(0.2)

            # A replica watches the leader key with a blocking GET; the leader updates it meanwhile.
            def update():
                time.sleep(0.5)
                assert c.kv.put(key, 'pg-node1-v3', cas=data['ModifyIndex']) is True
            t = threading.Thread(target=update)
            t.start()
            started = time.time()
            new_idx, new_data = c.kv.get(key, index=idx, wait='30s')
            t.join()
            assert int(new_idx) > int(idx), (new_idx, idx)  # python-consul hands indexes over as strings
            assert new_data['Value'] == b'pg-node1-v3', new_data
            assert time.time() - started < 25, 'blocking GET did not wake on the change'

            # The leader goes away: its session ends and the key (behavior delete) with it.
            def destroy():
                time.sleep(0.5)
                assert c.session.destroy(sid) is True
            t = threading.Thread(target=destroy)
            t.start()
            gone_idx, gone = c.kv.get(key, index=new_idx, wait='30s')
            t.join()
            assert gone is None, gone
            assert c.session.info(sid)[1] is None

            # Renewing a dead session is an error the client reports, as Patroni expects.
            try:
                c.session.renew(sid)
                raise AssertionError('renew of a destroyed session succeeded')
            except consul.NotFound:
                pass

            # Now the second member can take over.
            assert c.kv.put(key, 'pg-node2', acquire=sid2) is True
            print('PATRONI-OK')
            """;

    @BeforeAll
    static void startAgent() throws Exception {
        ensurePythonConsul();
        List<String> args = new java.util.ArrayList<>(List.of("-dev"));
        args.addAll(AgentProcess.freePortFlags());
        agent = AgentProcess.start(args);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.stop();
        }
    }

    private static void ensurePythonConsul() throws Exception {
        if (run(List.of(PYTHON, "-c", "import consul"), 30) == 0) {
            return;
        }
        // CI runs as root on a fresh Debian machine: install the client the way a user would.
        run(List.of("apt-get", "install", "-y", "python3-consul"), 600);
        assertThat(run(List.of(PYTHON, "-c", "import consul"), 30))
                .as("Debian's python3-consul must be importable (apt-get install -y python3-consul)").isZero();
    }

    private static int run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void patroniLeaderElectionSequenceWorksThroughPythonConsul(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("patroni_style.py");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);

        Process p = new ProcessBuilder(PYTHON, script.toString(), "127.0.0.1", Integer.toString(agent.httpPort()))
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("script finished in time; output:\n%s", output).isTrue();
        assertThat(p.exitValue()).as("script output:\n%s", output).isZero();
        assertThat(output).contains("PATRONI-OK");
    }
}
