package dev.plenum.loadtest.media;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The load tester's few event-loop threads: every participant's UDP socket, media timers and SRTP run on one of
 * them (a participant stays on one thread, so its SRTP state needs no lock). Epoll on Linux, NIO elsewhere.
 */
public final class MediaLoops implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    public MediaLoops(int threads) {
        epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("plenum-loadtest-media", true), io);
    }

    public EventLoopGroup group() { return group; }

    public Class<? extends DatagramChannel> channelType() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
