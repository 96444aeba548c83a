package io.gridwatch.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Broker mode (ARCHITECTURE 3.10): the site's own MQTT broker takes the devices' connections, and this node is a QoS 1
 * member of the shared subscription {@code $share/<group>/devices/+/readings}.
 *
 * @param tls {@code mqtts://}: TLS, the broker's certificate checked against {@code caFile} or else the JVM's trust
 *     store, and its host name against the certificate
 * @param clientId this node's client id at the broker: stable across restarts and unique per node, since the broker
 *     keeps the node's unacknowledged readings in the session of that id until it comes back
 * @param sessionExpiry how long the broker keeps that session (and the readings it holds) while the node is away
 * @param username the broker log-in of gridwatch itself, if the broker wants one
 * @param password its password; never logged, left out of {@link #toString()}
 * @param caFile PEM certificates of the authorities that sign the broker's certificate (a site's own CA)
 */
public record BrokerConfig(String host, int port, boolean tls, String clientId, Duration sessionExpiry,
        Optional<String> username, Optional<String> password, Optional<Path> caFile) {

    public static final String GROUP = "gridwatch";
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);
    /** MQTT 5 session expiry is a 32-bit count of seconds; 0xFFFFFFFF means "never". */
    private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFEL;

    /** The shared subscription every node makes. */
    public static String sharedFilter() {
        return "$share/" + GROUP + "/devices/+/readings";
    }

    /** The broker's address as it may be logged: scheme, host and port, never a credential. */
    public String address() {
        return (tls ? "mqtts://" : "mqtt://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return "BrokerConfig[" + address() + ", client id " + clientId + ", session expiry " + sessionExpiry
                + ", username " + username.orElse("(none)") + "]";
    }

    /** Empty when {@code GRIDWATCH_MQTT_BROKER} is not set: the node takes devices on its own listener only. */
    static Optional<BrokerConfig> fromEnv(Env env) {
        Optional<String> url = env.text("GRIDWATCH_MQTT_BROKER");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parse(url.get());
        boolean tls = "mqtts".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        Duration expiry = env.positiveDuration("GRIDWATCH_MQTT_BROKER_SESSION_EXPIRY", DEFAULT_SESSION_EXPIRY);
        if (expiry.toSeconds() < 1 || expiry.toSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
            throw new ConfigException("GRIDWATCH_MQTT_BROKER_SESSION_EXPIRY must be from PT1S to about 136 years");
        }
        Optional<String> username = env.text("GRIDWATCH_MQTT_BROKER_USERNAME");
        Optional<String> password = env.text("GRIDWATCH_MQTT_BROKER_PASSWORD");
        if (password.isPresent() && username.isEmpty()) {
            throw new ConfigException("GRIDWATCH_MQTT_BROKER_PASSWORD needs GRIDWATCH_MQTT_BROKER_USERNAME");
        }
        String clientId = env.text("GRIDWATCH_MQTT_BROKER_CLIENT_ID").orElseGet(BrokerConfig::defaultClientId);
        if (clientId.length() > 64 || !clientId.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new ConfigException("GRIDWATCH_MQTT_BROKER_CLIENT_ID must be up to 64 printable ASCII characters "
                    + "without spaces");
        }
        Optional<Path> ca = env.readableFile("GRIDWATCH_MQTT_BROKER_CA");
        if (ca.isPresent() && !tls) {
            throw new ConfigException("GRIDWATCH_MQTT_BROKER_CA is for mqtts:// brokers only");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 8883 : 1883;
        return Optional.of(new BrokerConfig(uri.getHost(), port, tls, clientId, expiry, username, password, ca));
    }

    private static URI parse(String url) {
        String problem;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("mqtt") && !scheme.equals("mqtts")) {
                problem = "the scheme must be mqtt:// or mqtts://";
            } else if (uri.getRawUserInfo() != null) {
                problem = "put the broker's log-in in GRIDWATCH_MQTT_BROKER_USERNAME and _PASSWORD, not in the URL";
            } else if (uri.getHost() == null) {
                problem = "a host is missing";
            } else if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null) {
                problem = "only scheme, host and port are read";
            } else {
                return uri;
            }
        } catch (URISyntaxException e) {
            problem = "not a URL";
        }
        // the URL may hold a password by mistake: it is not echoed
        throw new ConfigException("GRIDWATCH_MQTT_BROKER must look like mqtt://host:port or mqtts://host:port: "
                + problem);
    }

    /** {@code gridwatch-<host name>}: stable across restarts of a node; nodes sharing a host must each set their own. */
    private static String defaultClientId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
        return ("gridwatch-" + cleaned).substring(0, Math.min(64, 10 + cleaned.length()));
    }
}
