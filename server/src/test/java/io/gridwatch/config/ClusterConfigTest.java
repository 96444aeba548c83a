package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void withoutGridwatchClusterTheNodeIsAloneAsAlways() {
        assertThat(GridwatchConfig.fromEnv(Map.of("GRIDWATCH_CLUSTER_MEMBERS", "10.0.0.1:5701")).cluster()).isEmpty();
    }

    @Test
    void hazelcastWithNothingElseIsALoopbackNodeOfTheClusterNamedGridwatch() {
        ClusterConfig cluster = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_CLUSTER", "hazelcast")).cluster().orElseThrow();

        assertThat(cluster).isEqualTo(new ClusterConfig("gridwatch", "127.0.0.1", 5701, 0, List.of("127.0.0.1:5701")));
    }

    @Test
    void theMemberListIsReadAndTheNodeItselfAddedOnce() {
        ClusterConfig cluster = GridwatchConfig.fromEnv(cluster(Map.of("GRIDWATCH_CLUSTER_NAME", "shenzhen-prod",
                "GRIDWATCH_CLUSTER_HOST", "10.0.0.2", "GRIDWATCH_CLUSTER_PORT", "5801",
                "GRIDWATCH_CLUSTER_BUS_PORT", "5802",
                "GRIDWATCH_CLUSTER_MEMBERS", " 10.0.0.1:5801, node-3.example:5801,,[fd00::1]:5801"))).cluster().orElseThrow();

        assertThat(cluster.name()).isEqualTo("shenzhen-prod");
        assertThat(cluster.busPort()).isEqualTo(5802);
        assertThat(cluster.members())
                .containsExactly("10.0.0.1:5801", "node-3.example:5801", "[fd00::1]:5801", "10.0.0.2:5801");
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_CLUSTER", "multicast")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_CLUSTER must be \"hazelcast\"");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(cluster(Map.of("GRIDWATCH_CLUSTER_MEMBERS", "10.0.0.1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("got \"10.0.0.1\"")
                .hasMessageStartingWith("GRIDWATCH_CLUSTER_MEMBERS must list host:port entries");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(cluster(Map.of("GRIDWATCH_CLUSTER_MEMBERS", "a:70000"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_CLUSTER_MEMBERS");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(cluster(Map.of("GRIDWATCH_CLUSTER_PORT", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_CLUSTER_PORT must be a fixed port");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(cluster(Map.of("GRIDWATCH_CLUSTER_NAME", "two words"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_CLUSTER_NAME");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(cluster(Map.of("GRIDWATCH_CLUSTER_HOST", "a b"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_CLUSTER_HOST");
    }

    private static Map<String, String> cluster(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("GRIDWATCH_CLUSTER", "hazelcast");
        return env;
    }
}
