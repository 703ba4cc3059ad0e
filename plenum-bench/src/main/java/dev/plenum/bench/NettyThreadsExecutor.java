package dev.plenum.bench;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH's benchmark threads as Netty {@code FastThreadLocalThread}s, like the event-loop threads that forward
 * packets in production: only those get the pooled allocator's thread caches and object recycling.
 * Selected with {@code -Djmh.executor=CUSTOM -Djmh.executor.class=dev.plenum.bench.NettyThreadsExecutor}.
 */
public final class NettyThreadsExecutor extends ThreadPoolExecutor {
    public NettyThreadsExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), new DefaultThreadFactory(prefix));
    }
}
