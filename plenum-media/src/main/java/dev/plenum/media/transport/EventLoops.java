package dev.plenum.media.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** Creates the single-threaded event loop each media socket runs on: epoll on Linux, NIO elsewhere. */
final class EventLoops {

    private EventLoops() {
    }

    /** True when Netty's native epoll transport loaded (Linux x86_64 with the native jar). */
    static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    /** The transport a socket asked for: epoll only when it loaded, else a clear error. */
    static boolean requireAvailable(boolean useEpoll) {
        if (useEpoll && !epollAvailable()) {
            throw new IllegalStateException("epoll requested but not available", Epoll.unavailabilityCause());
        }
        return useEpoll;
    }

    static EventLoopGroup singleThread(String threadName, boolean epoll) {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true), io);
    }

    /** Shuts the group down without a quiet period (a socket that is closing has nothing left to do). */
    static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
