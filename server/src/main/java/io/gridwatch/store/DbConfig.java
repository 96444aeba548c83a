package io.gridwatch.store;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where the database is and how to log in: parsed once from a URL such as
 * {@code postgresql://user:pass@host:5432/gridwatch?sslmode=require} (also {@code postgres://} and
 * {@code jdbc:postgresql://}), and handed to Flyway as a JDBC URL and to vertx-pg-client as
 * {@link PgConnectOptions}.
 *
 * <p>User and password may be percent-encoded in the URL ({@code p%40ss} for {@code p@ss}); in a
 * JDBC URL they may also come as the {@code user} and {@code password} query parameters. Other query
 * parameters are kept for JDBC as they are; the pg client understands {@code sslmode},
 * {@code sslrootcert} and {@code application_name}. Neither {@link #toString()} nor
 * {@link #jdbcUrl()} ever contains the password. Immutable.
 *
 * @param params query parameters other than user and password, in URL order
 */
public record DbConfig(String host, int port, String database, String user, String password,
        Map<String, String> params) {

    public static final int DEFAULT_PORT = 5432;

    public DbConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the database host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the database port must be 1-65535, got " + port);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        if (params.containsKey("sslmode")) {
            sslMode(params.get("sslmode"));
        }
    }

    /** A configuration without query parameters. */
    public static DbConfig of(String host, int port, String database, String user, String password) {
        return new DbConfig(host, port, database, user, password, Map.of());
    }

    /**
     * Parses a PostgreSQL URL.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the password)
     */
    public static DbConfig parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        String rest = stripScheme(url.trim());
        int query = rest.indexOf('?');
        Map<String, String> params = query < 0 ? new LinkedHashMap<>() : queryParams(rest.substring(query + 1));
        rest = query < 0 ? rest : rest.substring(0, query);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        int at = authority.lastIndexOf('@');
        String user = params.remove("user");
        String password = params.remove("password");
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? password : decode(userInfo.substring(colon + 1));
            authority = authority.substring(at + 1);
        }
        if (authority.contains(",")) {
            throw new IllegalArgumentException("the database URL names several hosts; gridwatch needs exactly one");
        }
        user = user == null || user.isEmpty() ? "postgres" : user;
        database = database.isEmpty() ? user : database;
        HostPort hostPort = hostPort(authority);
        return new DbConfig(hostPort.host, hostPort.port, database, user, password, params);
    }

    /** The JDBC URL for Flyway and PgJDBC: no user or password in it (pass those separately). */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        String query = params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + encode(database) + query;
    }

    /** Connection options for vertx-pg-client, TLS included when {@code sslmode} asks for it. */
    public PgConnectOptions connectOptions() {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(host).setPort(port).setDatabase(database).setUser(user);
        if (password != null) {
            options.setPassword(password);
        }
        String applicationName = params.get("application_name");
        if (applicationName != null) {
            options.addProperty("application_name", applicationName);
        }
        String sslMode = params.get("sslmode");
        if (sslMode != null) {
            SslMode mode = sslMode(sslMode);
            options.setSslMode(mode);
            if (mode != SslMode.DISABLE) {
                options.setSslOptions(sslOptions(mode, params.get("sslrootcert")));
            }
        }
        return options;
    }

    /** This configuration with another port (a restarted embedded database, tests). */
    public DbConfig withPort(int newPort) {
        return new DbConfig(host, newPort, database, user, password, params);
    }

    /** The URL with the password masked: safe to log. */
    @Override
    public String toString() {
        return url(password == null ? null : "***");
    }

    /** The URL with the password, for another process's GRIDWATCH_DB_URL (the local cluster's nodes); never log it. */
    public String url() {
        return url(password == null ? null : encode(password));
    }

    private String url(String shownPassword) {
        String userInfo = encode(user) + (shownPassword == null ? "" : ":" + shownPassword);
        String query = params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "postgresql://" + userInfo + "@" + hostPart + ":" + port + "/" + database + query;
    }

    private static String stripScheme(String url) {
        for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return url.substring(scheme.length());
            }
        }
        int colon = url.indexOf("://");
        throw new IllegalArgumentException("the database URL must start with postgresql://, postgres:// or "
                + "jdbc:postgresql://" + (colon > 0 ? ", got " + url.substring(0, colon) + "://" : ""));
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(String authority) {
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the database URL has an unclosed IPv6 address");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            port = after.startsWith(":") ? after.substring(1) : null;
        } else if (authority.lastIndexOf(':') >= 0) {
            host = authority.substring(0, authority.lastIndexOf(':'));
            port = authority.substring(authority.lastIndexOf(':') + 1);
        }
        host = host.isEmpty() ? "localhost" : decode(host);
        if (port == null || port.isEmpty()) {
            return new HostPort(host, DEFAULT_PORT);
        }
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the database port is not a number");
        }
    }

    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static SslMode sslMode(String value) {
        for (SslMode mode : SslMode.values()) {
            if (mode.value.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("sslmode must be one of disable, allow, prefer, require, "
                + "verify-ca, verify-full, got \"" + value + "\"");
    }

    /** As libpq: {@code require} encrypts without checking the server unless a root certificate is given. */
    private static ClientSSLOptions sslOptions(SslMode mode, String rootCert) {
        ClientSSLOptions ssl = new ClientSSLOptions();
        if (rootCert != null) {
            ssl.setTrustOptions(new PemTrustOptions().addCertPath(rootCert));
        } else if (mode != SslMode.VERIFY_CA && mode != SslMode.VERIFY_FULL) {
            ssl.setTrustAll(true);
        }
        ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
        return ssl;
    }

    /** Percent-decoding as in URIs: {@code +} stays a plus (unlike form encoding); escapes are UTF-8. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '%') {
                out.append(text.charAt(i++));
                continue;
            }
            while (i < text.length() && text.charAt(i) == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("the database URL has a broken %-escape");
                }
                escaped.write(hi * 16 + lo);
                i += 3;
            }
            out.append(escaped.toString(StandardCharsets.UTF_8));
            escaped.reset();
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
