package io.gridwatch.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports free on the loopback at the time of asking, for what cannot bind port 0 and say which it took (HAProxy's
 * frontends, Hazelcast's member list, which every node must know before any starts). Held open together, so that
 * one call never returns the same port twice; another process may still take one before it is used.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback", e);
        } finally {
            sockets.forEach(FreePorts::close);
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing held: the port is free again either way
        }
    }
}
