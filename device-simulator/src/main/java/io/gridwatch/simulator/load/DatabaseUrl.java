package io.gridwatch.simulator.load;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location for JDBC, from either form gridwatch prints or takes: {@code postgresql://user[:pass]@host:port/db}
 * (as in {@code GRIDWATCH_DB_URL} and the demo's {@code demo: database …} line) or {@code jdbc:postgresql://…}.
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param user the user, or null to leave it to the URL
 * @param password the password, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    /** Parses {@code text}. */
    public static DatabaseUrl parse(String text) {
        if (text.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(text, null, null);
        }
        String rest;
        if (text.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (text.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("expected postgresql://user@host:port/db or jdbc:postgresql://…");
        }
        URI uri = URI.create("postgresql://" + rest);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " as " + user);
    }
}
