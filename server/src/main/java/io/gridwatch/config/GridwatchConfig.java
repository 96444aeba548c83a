package io.gridwatch.config;

import io.gridwatch.store.DbConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code gridwatch serve} reads from the environment, parsed once; see the README's
 * settings table for the defaults.
 *
 * @param db the database, empty for the embedded one ({@code demo}, tests)
 * @param grid the grid file, empty for the bundled Guangming grid
 * @param adminPassword when present, the user {@code admin} is created or reset with it at start-up
 * @param jwtSecret the key that signs log-in tokens; empty: one is generated once and kept in the database
 * @param escalateAfter how long an unacknowledged alert waits at a level, per severity
 * @param reports snap-and-report limits and merging
 * @param cases due times of dispatched cases and the notifications' back-off
 * @param cluster the cluster this node joins, empty for a single node
 */
public record GridwatchConfig(Optional<DbConfig> db, HttpConfig http, MqttConfig mqtt, Optional<Path> grid,
        Optional<String> adminPassword, Optional<String> jwtSecret, EscalateAfter escalateAfter,
        ReportConfig reports, CaseConfig cases, Optional<ClusterConfig> cluster) {

    public static GridwatchConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        String host = env.text("GRIDWATCH_HOST").orElse("0.0.0.0");
        return new GridwatchConfig(
                env.text("GRIDWATCH_DB_URL").map(GridwatchConfig::database),
                new HttpConfig(host, env.port("GRIDWATCH_HTTP_PORT", HttpConfig.DEFAULT_PORT),
                        tls(env, "GRIDWATCH_HTTP_TLS_CERT", "GRIDWATCH_HTTP_TLS_KEY"), WebSocketConfig.fromEnv(env),
                        TileConfig.fromEnv(env), HttpLimits.fromEnv(env)),
                MqttConfig.fromEnv(env, host),
                env.readableFile("GRIDWATCH_GRID"),
                env.text("GRIDWATCH_ADMIN_PASSWORD"),
                env.text("GRIDWATCH_JWT_SECRET").map(GridwatchConfig::jwtSecret),
                env.text("GRIDWATCH_ESCALATE_AFTER").map(EscalateAfter::parse).orElse(EscalateAfter.DEFAULTS),
                ReportConfig.fromEnv(env),
                CaseConfig.fromEnv(env),
                ClusterConfig.fromEnv(env));
    }

    /** HS256 wants a key at least as long as its hash. */
    static final int MIN_JWT_SECRET_BYTES = 32;

    private static String jwtSecret(String secret) {
        if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            throw new ConfigException("GRIDWATCH_JWT_SECRET must be at least " + MIN_JWT_SECRET_BYTES
                    + " bytes (e.g. openssl rand -base64 48)");
        }
        return secret;
    }

    private static DbConfig database(String url) {
        try {
            return DbConfig.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("GRIDWATCH_DB_URL: " + e.getMessage());
        }
    }

    static TlsConfig tls(Env env, String certVar, String keyVar) {
        Optional<Path> cert = env.readableFile(certVar);
        Optional<Path> key = env.readableFile(keyVar);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(certVar + " and " + keyVar + " go together: set both or neither");
        }
        return cert.map(c -> new TlsConfig(c, key.get())).orElse(null);
    }

    public GridwatchConfig withDb(DbConfig database) {
        return new GridwatchConfig(Optional.of(database), http, mqtt, grid, adminPassword, jwtSecret, escalateAfter,
                reports, cases, cluster);
    }
}
