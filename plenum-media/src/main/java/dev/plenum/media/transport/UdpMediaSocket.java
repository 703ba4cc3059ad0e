package dev.plenum.media.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP port every participant sends media to (ICE-lite host candidate).
 *
 * <pre>
 *  kernel ──recvfrom──► [2048-byte pooled direct buffer] ──DatagramPacket──► Demultiplexer.onPacket(buf, sender, udpSender)
 *  end of read burst ──► PacketSender.flush()  (replies queued during the burst leave together)
 * </pre>
 *
 * <p>Transport: Netty's native epoll ({@link EpollDatagramChannel}) when available, NIO otherwise. UDP GRO is off:
 * a coalesced super-datagram would not fit the fixed per-packet buffer and breaks the one-packet-one-buffer rule.
 * Each datagram is read into its own pooled direct buffer of {@link MediaTransportConfig#packetBufferBytes()}
 * bytes, so there is tailroom behind the packet for the SRTP tag and RTP header extensions (see
 * {@link ReceiveBuffers} for how the epoll transport's slice is turned back into that buffer).
 *
 * <p>Thread model: one event loop thread per socket ({@code plenum-media-udp}); the demultiplexer and every
 * handler it calls run on it and must not block. {@link #start()} and {@link #close()} are called from a
 * control thread.
 */
public final class UdpMediaSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpMediaSocket.class);

    private final MediaTransportConfig config;
    private final Demultiplexer demultiplexer;
    private final TransportCounters counters;
    private final boolean epoll;
    private EventLoopGroup group;
    private Channel channel;
    private UdpPacketSender sender;

    public UdpMediaSocket(MediaTransportConfig config, Demultiplexer demultiplexer, TransportCounters counters) {
        this(config, demultiplexer, counters, EventLoops.epollAvailable());
    }

    /** As the main constructor, but with the transport chosen by the caller ({@code useEpoll} needs epoll). */
    public UdpMediaSocket(MediaTransportConfig config, Demultiplexer demultiplexer, TransportCounters counters,
                          boolean useEpoll) {
        this.config = Objects.requireNonNull(config, "config");
        this.demultiplexer = Objects.requireNonNull(demultiplexer, "demultiplexer");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.epoll = EventLoops.requireAvailable(useEpoll);
    }

    /** Binds the socket. Throws if it is already started or the port cannot be bound. */
    public synchronized void start() throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = EventLoops.singleThread("plenum-media-udp", epoll);
        ChannelFactory<DatagramChannel> factory = epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(factory)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.packetBufferBytes()))
                .option(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes())
                .option(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes())
                .handler(new InboundHandler());
        if (epoll) {
            bootstrap.option(EpollChannelOption.UDP_GRO, false);
            if (config.reusePort()) {
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        } else if (config.reusePort()) {
            LOG.warn("SO_REUSEPORT requested but the NIO transport cannot set it; ignored");
        }
        ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.udpPort()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            EventLoops.shutdown(group);
            group = null;
            throw new IOException("cannot bind UDP media socket to " + config.bindAddress().getHostAddress() + ":"
                    + config.udpPort(), bound.cause());
        }
        channel = bound.channel();
        sender = new UdpPacketSender(channel, counters);
        LOG.info("UDP media socket bound to {} ({})", channel.localAddress(), epoll ? "epoll" : "nio");
    }

    /** The bound local address (the actual port when configured with port 0). */
    public synchronized InetSocketAddress localAddress() {
        requireStarted();
        return (InetSocketAddress) channel.localAddress();
    }

    /** The bound local port. */
    public int localPort() {
        return localAddress().getPort();
    }

    /** The sender for this socket, shared by all peers. */
    public synchronized PacketSender sender() {
        requireStarted();
        return sender;
    }

    /** Whether this socket runs on the native epoll transport. */
    public boolean usesEpoll() {
        return epoll;
    }

    /** Closes the socket and stops its event loop; idempotent. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        EventLoops.shutdown(group);
        group = null;
        channel = null;
        sender = null;
    }

    private void requireStarted() {
        if (channel == null) {
            throw new IllegalStateException("not started");
        }
    }

    /** Hands each datagram's buffer to the demultiplexer, which then owns it. */
    private final class InboundHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket datagram)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ByteBuf packet = ReceiveBuffers.withTailroom(datagram.content(), config.packetBufferBytes(), ctx.alloc());
            counters.received(packet.readableBytes());
            demultiplexer.onPacket(packet, datagram.sender(), sender);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            sender.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A failed send (void promise) or a handler bug; the socket stays up.
            LOG.debug("UDP media socket error", cause);
        }
    }
}
