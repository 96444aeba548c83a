package io.gridwatch.simulator.storm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One storm connection's handler: sends its CONNECT once the TCP connection is up, records the CONNACK's latency
 * (CONNECT written → CONNACK read), then stays idle but for a PINGREQ every three quarters of the keep-alive. Runs on
 * its channel's event loop; a few fields per connection, so that the tool itself stays small at 100,000.
 */
final class StormConnection extends ChannelInboundHandlerAdapter {

    private final StormRun run;
    private final int index;
    private final long startedNanos;
    private long connectSentNanos;
    private boolean answered;
    private boolean accepted;

    StormConnection(StormRun run, int index, long startedNanos) {
        this.run = run;
        this.index = index;
        this.startedNanos = startedNanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectSentNanos = System.nanoTime();
        run.tcpConnected(connectSentNanos - startedNanos);
        ctx.writeAndFlush(run.connectPacket(ctx.alloc(), index));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (answered) {
                return; // PINGRESP
            }
            answered = true;
            long now = System.nanoTime();
            int code = ConnectPacket.connackCode(in);
            if (code != 0) {
                run.refused(code);
                ctx.close();
                return;
            }
            run.accepted(now - connectSentNanos, now - startedNanos);
            if (run.closeAfterConnack()) {
                ctx.close();
                return;
            }
            accepted = true;
            long every = run.pingEveryMillis();
            ctx.executor().scheduleAtFixedRate(() -> ping(ctx), ThreadLocalRandom.current().nextLong(every), every,
                    TimeUnit.MILLISECONDS);
        } finally {
            in.release();
        }
    }

    private static void ping(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ConnectPacket.PINGREQ));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!answered) {
            run.closedBeforeConnack();
        } else if (accepted) {
            run.droppedAfterConnack();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
