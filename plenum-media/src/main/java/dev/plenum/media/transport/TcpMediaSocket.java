package dev.plenum.media.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE-TCP port: passive TCP candidates, RFC 6544, with RFC 4571 framing, for networks that block UDP.
 *
 * <pre>
 *  accept ──► connection limit ──► per connection pipeline:
 *      IdleStateHandler (closes after 30 s of silence)
 *      Rfc4571FrameDecoder ──frame──► Demultiplexer.onPacket(frame, remote, connectionSender)
 *      Rfc4571FrameEncoder ◄──────── connectionSender.send(packet)
 * </pre>
 *
 * <p>Each connection is a source, like a UDP 5-tuple: its remote address is the demultiplexer key (in the TCP
 * table) and its {@link PacketSender} writes only to it. When it closes, its address is unregistered.
 *
 * <p>Thread model: one event loop thread for the listening socket and all its connections
 * ({@code plenum-media-tcp}); everything the pipeline calls runs on it and must not block.
 */
public final class TcpMediaSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpMediaSocket.class);
    /** Per-connection outbound queue bounds: above the high mark, sends are dropped, not queued. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);
    /**
     * A connection that sends nothing for this long is closed: a live ICE peer sends consent checks every few
     * seconds and forgets the pair after 30 s without a response (RFC 7675 §5.1), so silence this long means the
     * connection is dead or was never an ICE peer, and it must not keep a slot.
     */
    static final int IDLE_TIMEOUT_SECONDS = 30;

    private final MediaTransportConfig config;
    private final Demultiplexer demultiplexer;
    private final TransportCounters counters;
    private final boolean epoll;
    private final AtomicInteger openConnections = new AtomicInteger();
    private EventLoopGroup group;
    private Channel serverChannel;

    public TcpMediaSocket(MediaTransportConfig config, Demultiplexer demultiplexer, TransportCounters counters) {
        this(config, demultiplexer, counters, EventLoops.epollAvailable());
    }

    /** As the main constructor, but with the transport chosen by the caller ({@code useEpoll} needs epoll). */
    public TcpMediaSocket(MediaTransportConfig config, Demultiplexer demultiplexer, TransportCounters counters,
                          boolean useEpoll) {
        this.config = Objects.requireNonNull(config, "config");
        this.demultiplexer = Objects.requireNonNull(demultiplexer, "demultiplexer");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.epoll = EventLoops.requireAvailable(useEpoll);
    }

    /** Starts listening. Throws if already started or the port cannot be bound. */
    public synchronized void start() throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = EventLoops.singleThread("plenum-media-tcp", epoll);
        ChannelFactory<ServerSocketChannel> factory =
                epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channelFactory(factory)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ConnectionInitializer());
        ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.tcpPort()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            EventLoops.shutdown(group);
            group = null;
            throw new IOException("cannot bind ICE-TCP media socket to " + config.bindAddress().getHostAddress()
                    + ":" + config.tcpPort(), bound.cause());
        }
        serverChannel = bound.channel();
        LOG.info("ICE-TCP media socket listening on {} ({})", serverChannel.localAddress(), epoll ? "epoll" : "nio");
    }

    /** The bound local address (the actual port when configured with port 0). */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int localPort() {
        return localAddress().getPort();
    }

    /** ICE-TCP connections open now. */
    public int openConnections() {
        return openConnections.get();
    }

    public boolean usesEpoll() {
        return epoll;
    }

    /** Closes the listening socket and every connection, and stops the event loop; idempotent. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        EventLoops.shutdown(group); // closes the accepted connections registered on it
        group = null;
        serverChannel = null;
    }

    /** Applies the connection limit, then builds the per-connection pipeline. */
    private final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {

        @Override
        protected void initChannel(SocketChannel ch) {
            if (openConnections.incrementAndGet() > config.maxTcpConnections()) {
                openConnections.decrementAndGet();
                counters.dropped(DropReason.CONNECTION_LIMIT);
                ch.close();
                return;
            }
            counters.tcpConnectionOpened();
            ch.closeFuture().addListener(f -> {
                openConnections.decrementAndGet();
                counters.tcpConnectionClosed();
            });
            ch.pipeline()
                    .addLast("idle", new IdleStateHandler(IDLE_TIMEOUT_SECONDS, 0, 0))
                    .addLast("rfc4571-decoder",
                            new Rfc4571FrameDecoder(config.maxTcpFrameBytes(), config.packetBufferBytes(), counters))
                    .addLast("rfc4571-encoder", new Rfc4571FrameEncoder())
                    .addLast("demultiplex", new ConnectionHandler(new TcpPacketSender(ch, counters)));
        }
    }

    /** Feeds one connection's frames to the demultiplexer with the connection as source and reply path. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {

        private final TcpPacketSender sender;
        private InetSocketAddress remote;

        ConnectionHandler(TcpPacketSender sender) {
            this.sender = sender;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            remote = (InetSocketAddress) ctx.channel().remoteAddress();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf frame)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            counters.received(frame.readableBytes());
            demultiplexer.onPacket(frame, remote, sender);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            sender.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (remote != null) {
                demultiplexer.unregister(remote, PacketSender.Transport.TCP);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                LOG.debug("ICE-TCP connection {} idle for {} s; closing", remote, IDLE_TIMEOUT_SECONDS);
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("ICE-TCP connection {} failed; closing", remote, cause);
            ctx.close();
        }
    }
}
