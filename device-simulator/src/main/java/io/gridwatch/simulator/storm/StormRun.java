package io.gridwatch.simulator.storm;

import io.gridwatch.simulator.load.DeviceCredentials;
import io.gridwatch.simulator.load.LatencyHistogram;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens one MQTT connection per device at a fixed arrival rate (open loop: a slow server shows as latency, not as a
 * lower rate, up to {@code maxPending} connections waiting for their CONNACK), each from the next of several loopback
 * source addresses (one address has only ~28,000 ephemeral ports), on a few shared Netty event loops; then holds
 * them all, idle with their PINGREQs, for a while. Counts CONNACK latencies, refusals and failures.
 *
 * <p>Each connection binds its source port explicitly (below the ephemeral range, so that no listener is there):
 * letting the kernel pick a free port for a bound address costs a search that grows with the ports in use (half a
 * millisecond a connection at 18,000), which made the tool, not the server, the bottleneck.
 */
final class StormRun {

    private final StormSettings settings;
    private final List<DeviceCredentials> devices;
    private final PrintStream progress;
    private final LatencyHistogram connack = new LatencyHistogram();
    private final LatencyHistogram total = new LatencyHistogram();
    private final LatencyHistogram tcp = new LatencyHistogram();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder closedEarly = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final long pingEveryMillis;
    private volatile int issued;
    private volatile int skipped;

    private final boolean closeAfterConnack;

    StormRun(StormSettings settings, List<DeviceCredentials> devices, PrintStream progress) {
        this(settings, devices, progress, false);
    }

    /**
     * {@code closeAfterConnack}: each connection is closed as soon as its CONNACK is read (a warm-up: it may then
     * list the same device several times, and the server compiles its connection path without holding them all).
     */
    StormRun(StormSettings settings, List<DeviceCredentials> devices, PrintStream progress, boolean closeAfterConnack) {
        this.closeAfterConnack = closeAfterConnack;
        this.settings = settings;
        this.devices = devices;
        this.progress = progress;
        this.pingEveryMillis = settings.keepAlive().toMillis() * 3 / 4;
    }

    StormResult run() throws InterruptedException {
        // native epoll where available: NIO's selector costs the tool as much CPU per connection as the server's work
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends SocketChannel> channel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.threads(), io);
        progress.printf("storm: %d event loops on %s%n", settings.threads(), epoll ? "native epoll" : "nio");
        ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
        ProcessWatch server = ProcessWatch.of(settings.watchPid());
        ProcessWatch tool = ProcessWatch.self();
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(channel)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                    // the explicit source ports of the last run may still be in TIME_WAIT (60 s): bind them anyway
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(64));
            InetSocketAddress target = new InetSocketAddress(settings.host(), settings.port());
            InetAddress[] sources = settings.sourceAddresses();
            long start = System.nanoTime();
            // the pacer has a thread of its own: each connect() is handed to the channel's event loop anyway
            ScheduledFuture<?> pacer = pacing.scheduleAtFixedRate(() -> issueDue(bootstrap, target, sources, start),
                    0, 1, TimeUnit.MILLISECONDS);
            long lastReport = start;
            while (issued < devices.size() || pending.get() > 0) {
                Thread.sleep(100);
                server.sample();
                if (System.nanoTime() - lastReport >= settings.progressEvery().toNanos()) {
                    lastReport = System.nanoTime();
                    report(start);
                }
            }
            pacer.cancel(false);
            double arrivalSeconds = (System.nanoTime() - start) / 1e9;
            report(start);
            progress.printf("storm: all answered; holding %d connections for %s%n", accepted.sum(), settings.hold());
            long holdUntil = System.nanoTime() + settings.hold().toNanos();
            while (System.nanoTime() < holdUntil) {
                Thread.sleep(250);
                server.sample();
            }
            tool.sample();
            return new StormResult(devices.size(), accepted.sum(), dropped.sum(), closedEarly.sum(), skipped,
                    new TreeMap<>(counts()), arrivalSeconds, connack, total, tcp, tool, server);
        } finally {
            pacing.shutdownNow();
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    /** Issues the connections due by now; runs every millisecond on one event loop. */
    private void issueDue(Bootstrap bootstrap, InetSocketAddress target, InetAddress[] sources, long start) {
        long due = Math.min(devices.size(), (long) ((System.nanoTime() - start) / 1e9 * settings.rate()));
        while (issued < due) {
            int index = issued++;
            if (pending.get() >= settings.maxPending()) {
                skipped++;
                continue;
            }
            pending.incrementAndGet();
            long started = System.nanoTime();
            InetSocketAddress source = new InetSocketAddress(sources[index % sources.length], settings.sourcePort(index));
            ChannelFuture connecting = bootstrap.clone()
                    .handler(new StormConnection(this, index, started))
                    .connect(target, source);
            connecting.addListener(done -> {
                if (!done.isSuccess()) {
                    failed("connect: " + done.cause().getClass().getSimpleName() + ": " + done.cause().getMessage());
                }
            });
        }
    }

    ByteBuf connectPacket(ByteBufAllocator alloc, int index) {
        DeviceCredentials device = devices.get(index);
        return ConnectPacket.connect(alloc, device.id() + "-storm", device.id(), device.token(),
                (int) settings.keepAlive().toSeconds());
    }

    boolean closeAfterConnack() {
        return closeAfterConnack;
    }

    long pingEveryMillis() {
        return pingEveryMillis;
    }

    void tcpConnected(long nanos) {
        tcp.recordNanos(nanos);
    }

    void accepted(long connackNanos, long totalNanos) {
        connack.recordNanos(connackNanos);
        total.recordNanos(totalNanos);
        accepted.increment();
        pending.decrementAndGet();
    }

    void refused(int code) {
        failed("connack return code " + code);
    }

    void closedBeforeConnack() {
        closedEarly.increment();
        failed("closed before the connack");
    }

    void droppedAfterConnack() {
        dropped.increment();
    }

    private void failed(String why) {
        failures.computeIfAbsent(why, w -> new LongAdder()).increment();
        pending.decrementAndGet();
    }

    private Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((why, count) -> out.put(why, count.sum()));
        return out;
    }

    private void report(long start) {
        progress.printf("storm: %.0f s issued %d, connected %d, waiting %d, failed %d, dropped %d; connack p99 %.1f ms%n",
                (System.nanoTime() - start) / 1e9, issued, accepted.sum(), pending.get(),
                counts().values().stream().mapToLong(Long::longValue).sum(), dropped.sum(),
                connack.percentileMillis(99));
    }

    /** What a storm run is told. */
    record StormSettings(String host, int port, int sourceCount, String sourceBase, double rate, int maxPending,
            Duration keepAlive, Duration hold, int threads, Duration progressEvery, Long watchPid, int firstPort) {

        /** The first source port; the ephemeral range (where the server's listeners are) starts at 32,768. */
        static final int FIRST_PORT = 10_000;
        /** The warm-up's ports, apart from the storm's (whose closed ones may still be in TIME_WAIT). */
        static final int WARM_UP_FIRST_PORT = 26_000;

        /** The source address of connection {@code index}: {@code sourceBase}.2, .3, … round robin. */
        String source(int index) {
            return sourceBase + "." + (2 + index % sourceCount);
        }

        /** The source addresses, parsed once (connection {@code index} uses entry {@code index % sourceCount}). */
        InetAddress[] sourceAddresses() {
            InetAddress[] addresses = new InetAddress[sourceCount];
            for (int i = 0; i < sourceCount; i++) {
                try {
                    addresses[i] = InetAddress.getByName(source(i));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException("not an address: " + source(i), impossible);
                }
            }
            return addresses;
        }

        /** The source port of connection {@code index}: unique per source address. */
        int sourcePort(int index) {
            return firstPort + index / sourceCount;
        }
    }
}
