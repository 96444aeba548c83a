package io.gridwatch.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** deploy/haproxy.cfg is a configuration HAProxy accepts, and so is the local copy the demo and tests run. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class HaproxyConfigTest {

    private static final Path DEPLOYED = Path.of("..", "deploy", "haproxy.cfg");
    private static final HaproxyConfig.Binds BINDS = new HaproxyConfig.Binds("127.0.0.1", 21883, 28080, 28404);

    @TempDir
    Path directory;

    @Test
    void theJarCarriesDeployHaproxyCfgUnchanged() throws Exception {
        assertThat(HaproxyConfig.template()).isEqualTo(Files.readString(DEPLOYED, StandardCharsets.UTF_8));
    }

    @Test
    void haproxyAcceptsTheDeployedConfiguration() throws Exception {
        assertThat(check(DEPLOYED)).as("haproxy -c on deploy/haproxy.cfg").isEmpty();
    }

    @Test
    void theLocalCopyHasOneServerPerNodeInEachBackendAndTheLocalPorts() throws Exception {
        String local = HaproxyConfig.local(HaproxyConfig.template(), BINDS, List.of(
                new HaproxyConfig.Node("node1", "127.0.0.1", 30001, 31001),
                new HaproxyConfig.Node("node2", "127.0.0.1", 30002, 31002)));

        String directives = local.lines().filter(line -> !line.strip().startsWith("#"))
                .collect(Collectors.joining("\n"));
        assertThat(directives).contains("bind 127.0.0.1:21883", "bind 127.0.0.1:28080", "bind 127.0.0.1:28404")
                .doesNotContain("10.0.0.", "node3", "chroot", "user haproxy", "/dev/log", "daemon\n", "maxconn 200000")
                .contains("server node1 127.0.0.1:31001 track gridwatch_http/node1\n")
                .contains("server node2 127.0.0.1:31002 track gridwatch_http/node2\n")
                .contains("server node1 127.0.0.1:30001 check\n")
                .contains("server node2 127.0.0.1:30002 check\n")
                .contains("balance leastconn", "timeout tunnel", "http-check send meth GET uri /health");
        Path file = directory.resolve("local.cfg");
        Files.writeString(file, local);
        assertThat(check(file)).as("haproxy -c on the local copy").isEmpty();
    }

    /** HAProxy's complaints about {@code file} (empty when it is valid); skipped where HAProxy is not installed. */
    private static String check(Path file) throws Exception {
        Path haproxy = HaproxyProcess.executable().orElse(null);
        assumeTrue(haproxy != null, "HAProxy is not installed (apt-get install haproxy): its configuration is not"
                + " checked");
        Process check = new ProcessBuilder(haproxy.toString(), "-c", "-f", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return check.exitValue() == 0 ? "" : output;
    }
}
