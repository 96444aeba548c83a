package io.gridwatch.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code deploy/haproxy.cfg} (bundled in the jar) made to run on one machine without root, for
 * {@code demo --nodes} and the cluster tests: each frontend binds the port given for it, each backend gets one
 * {@code server} line per local node (copied from its first one, the node's name and address changed, a
 * {@code track backend/node1} following the node's own name), and the global lines that need root (chroot, user,
 * group, daemon, the stats socket; syslog becomes stderr, notices only) and the global maxconn (sized for a production machine's descriptor
 * limit) are left out. Everything else (timeouts, balancing, health checks)
 * stays exactly as production has it, which is the point of not writing a second file. Pure and thread-safe.
 */
public final class HaproxyConfig {

    /** The bundled copy of {@code deploy/haproxy.cfg}. */
    public static final String RESOURCE = "/io/gridwatch/localcluster/haproxy.cfg";
    /**
     * Global lines left out locally: those that need root, and maxconn, which needs twice its number of
     * descriptors; without it HAProxy sizes itself to the descriptor limit it has.
     */
    private static final Set<String> LEFT_OUT = Set.of("chroot", "user", "group", "daemon", "log", "maxconn");

    private HaproxyConfig() {
    }

    /** One gridwatch node as HAProxy reaches it. */
    public record Node(String name, String host, int httpPort, int mqttPort) {
    }

    /** Where HAProxy listens: MQTT, HTTP and its status page, on {@code host}. */
    public record Binds(String host, int mqttPort, int httpPort, int statsPort) {

        Map<String, Integer> byFrontend() {
            return Map.of("mqtt", mqttPort, "http", httpPort, "stats", statsPort);
        }
    }

    /** The bundled template, as shipped in {@code deploy/}. */
    public static String template() {
        try (InputStream in = HaproxyConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("haproxy.cfg is not in the jar (" + RESOURCE + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code template} rewritten for local nodes behind {@code binds}. */
    public static String local(String template, Binds binds, List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no nodes");
        }
        List<String> out = new ArrayList<>();
        String section = "";
        boolean serversWritten = false;
        boolean logWritten = false;
        for (String line : template.split("\n", -1)) {
            String trimmed = line.strip();
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                section = trimmed;
                serversWritten = false;
                out.add(line);
                continue;
            }
            String directive = trimmed.split("\\s+", 2)[0];
            if (section.equals("global") && (LEFT_OUT.contains(directive) || trimmed.startsWith("stats socket"))) {
                if (directive.equals("log") && !logWritten) {
                    // HAProxy's notices (a node marked down or up) in its own log file instead of syslog
                    out.add(indent(line) + "log stderr format short local0 notice");
                    logWritten = true;
                }
                continue;
            }
            if (section.startsWith("frontend ") && directive.equals("bind")) {
                out.add(indent(line) + "bind " + binds.host() + ":" + bindPort(binds, section));
            } else if (section.startsWith("backend ") && directive.equals("server")) {
                if (!serversWritten) {
                    for (Node node : nodes) {
                        out.add(indent(line) + serverLine(trimmed, section, node));
                    }
                    serversWritten = true;
                }
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    private static int bindPort(Binds binds, String section) {
        String name = section.substring("frontend ".length()).strip();
        Integer port = binds.byFrontend().get(name);
        if (port == null) {
            throw new IllegalArgumentException("haproxy.cfg has a frontend \"" + name + "\" with no local port");
        }
        return port;
    }

    /** The backend's first server line with this node's name and address, its {@code track} following it. */
    private static String serverLine(String first, String section, Node node) {
        String[] words = first.split("\\s+", 4);
        String backend = section.substring("backend ".length()).strip();
        int port = backend.endsWith("mqtt") ? node.mqttPort() : node.httpPort();
        String options = words.length < 4 ? ""
                : " " + words[3].replaceAll("/" + Pattern.quote(words[1]) + "\\b", "/" + node.name());
        return "server " + node.name() + " " + node.host() + ":" + port + options;
    }

    private static String indent(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }
}
