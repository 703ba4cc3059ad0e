package dev.plenum.loadtest.media;

import dev.plenum.loadtest.signaling.ServerOffer;
import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.dtls.DtlsConfig;
import dev.plenum.media.dtls.DtlsEndpoint;
import dev.plenum.media.dtls.DtlsListener;
import dev.plenum.media.dtls.DtlsRole;
import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.ice.IceCredentials;
import dev.plenum.media.session.SrtpSessionKeys;
import dev.plenum.media.srtp.SrtpKeys;
import dev.plenum.media.srtp.SrtpResult;
import dev.plenum.media.srtp.SrtpTransformer;
import dev.plenum.media.stun.MessageIntegrity;
import dev.plenum.media.stun.StunAttributes;
import dev.plenum.media.stun.StunClass;
import dev.plenum.media.stun.StunMessage;
import dev.plenum.media.stun.StunParseResult;
import dev.plenum.media.stun.StunParser;
import dev.plenum.media.stun.StunWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One participant's transport toward the SFU, as a browser runs it against an ICE-lite server:
 * <pre>
 *   UDP socket (connected to the server's candidate)
 *     ├─ STUN Binding requests, every 50 ms until answered (full ICE, controlling, USE-CANDIDATE: RFC 8445 §7.2)
 *     ├─ DTLS client handshake (BouncyCastle through {@link DtlsEndpoint}; the server's certificate must match
 *     │  the offer's fingerprint), then SRTP keys exported (RFC 5764 §4.2)
 *     └─ SRTP/SRTCP both ways (RFC 7983 demultiplexing by first byte)
 * </pre>
 * Thread model: the socket, the timers and both SRTP transformers belong to the channel's event loop; only DTLS
 * runs on its endpoint's own thread during the handshake, and hands the keys over through the event loop.
 */
public final class PeerTransport extends ChannelInboundHandlerAdapter {
    private static final long CHECK_INTERVAL_MILLIS = 50;
    private static final long ICE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long CONSENT_INTERVAL_MILLIS = 5_000;
    /** Prflx type preference, local preference 65535, component 1 (RFC 8445 §5.1.2.1). */
    private static final long PRIORITY = (110L << 24) | (65535L << 8) | 255;
    /** SSRCs one participant may receive: two per other participant of a 50-seat room, with room to spare. */
    private static final int MAX_SSRCS = 128;
    private static final int RECEIVE_BUFFER_BYTES = 2048;

    private final ServerOffer offer;
    private final IceCredentials local;
    private final DtlsCertificate certificate;
    private final PacketSink sink;
    private final long tieBreaker;
    private final byte[] transactionId = new byte[StunAttributes.TRANSACTION_ID_LENGTH];
    private final SecureRandom random;
    private MessageIntegrity integrity;
    private Channel channel;
    private ScheduledFuture<?> checks;
    private long checksStartedNanos;
    private boolean iceConnected;
    private volatile long iceConnectedNanos;
    private DtlsEndpoint dtls;
    private SrtpTransformer sender;
    private SrtpTransformer receiver;
    private volatile boolean closed;

    public PeerTransport(ServerOffer offer, IceCredentials local, DtlsCertificate certificate, PacketSink sink,
            SecureRandom random) {
        this.offer = offer;
        this.local = local;
        this.certificate = certificate;
        this.sink = sink;
        this.random = random;
        this.tieBreaker = random.nextLong();
    }

    /** Opens the socket and starts connectivity checks; everything after happens on the event loop. */
    public void start(MediaLoops loops) throws InterruptedException {
        InetSocketAddress server = offer.candidate();
        channel = new Bootstrap().group(loops.group()).channel(loops.channelType())
                .option(ChannelOption.SO_RCVBUF, 1 << 20).option(ChannelOption.SO_SNDBUF, 1 << 20)
                // As the SFU's sockets: pooled buffers, whose NIO views are cached (the adaptive allocator, Netty
                // 4.2's default, makes a ByteBuffer slice each time SRTP copies a packet in or out).
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES))
                .handler(this).bind(new InetSocketAddress(server.getAddress(), 0)).sync().channel();
        channel.connect(server).sync();
        channel.eventLoop().execute(() -> {
            integrity = MessageIntegrity.shortTerm(offer.icePwd());
            checksStartedNanos = System.nanoTime();
            checks = channel.eventLoop().scheduleAtFixedRate(this::check, 0, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    public Channel channel() { return channel; }

    /** When the first connectivity check was answered ({@link System#nanoTime()}), or 0. */
    public long iceConnectedNanos() { return iceConnectedNanos; }

    /** True once SRTP is keyed. Event loop only. */
    public boolean connected() { return sender != null; }

    /**
     * Protects and queues an RTP packet (the buffer needs 16 bytes of tailroom for the tag); flushes when
     * {@code flush}. Consumes the buffer. Event loop only.
     */
    public void sendRtp(ByteBuf packet, boolean flush) {
        if (sender == null || sender.protectRtp(packet) != SrtpResult.OK) {
            packet.release();
            return;
        }
        if (flush) channel.writeAndFlush(packet, channel.voidPromise());
        else channel.write(packet, channel.voidPromise());
    }

    /** Protects and sends an RTCP packet (tailroom: 4 + 16 bytes). Consumes the buffer. Event loop only. */
    public void sendRtcp(ByteBuf packet) {
        if (sender == null || sender.protectRtcp(packet) != SrtpResult.OK) {
            packet.release();
            return;
        }
        channel.writeAndFlush(packet, channel.voidPromise());
    }

    /** Decrypts an SRTP packet in place. Event loop only. */
    public SrtpResult unprotectRtp(ByteBuf packet) {
        return receiver == null ? SrtpResult.CRYPTO_ERROR : receiver.unprotectRtp(packet);
    }

    // ---------------------------------------------------------------- ICE

    /** A Binding request (RFC 8445 §7.2.2): USERNAME server:local, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE. */
    private void check() {
        if (closed) return;
        if (!iceConnected && System.nanoTime() - checksStartedNanos > ICE_TIMEOUT_NANOS) {
            checks.cancel(false);
            fail("ICE: no answer to connectivity checks from " + offer.candidate() + " within 10 s");
            return;
        }
        random.nextBytes(transactionId);
        ByteBuf out = channel.alloc().directBuffer(256);
        int start = StunWriter.begin(out, StunMessage.messageType(StunAttributes.METHOD_BINDING, StunClass.REQUEST), transactionId);
        StunWriter.username(out, start, offer.iceUfrag() + ":" + local.ufrag());
        StunWriter.priority(out, start, PRIORITY);
        StunWriter.iceControlling(out, start, tieBreaker);
        StunWriter.useCandidate(out, start);
        StunWriter.messageIntegrity(out, start, integrity);
        StunWriter.fingerprint(out, start);
        channel.writeAndFlush(out, channel.voidPromise());
    }

    private void onStun(ByteBuf buf) {
        StunParseResult parsed = StunParser.parse(buf, buf.readerIndex(), buf.readableBytes());
        if (!(parsed instanceof StunMessage m) || m.stunClass() != StunClass.SUCCESS_RESPONSE) return;
        if (!Arrays.equals(m.transactionId(), transactionId) || !integrity.verify(buf, buf.readerIndex(), m)) return;
        if (iceConnected) return;
        iceConnected = true;
        iceConnectedNanos = System.nanoTime();
        checks.cancel(false);
        // Consent freshness (RFC 7675): keep checking now and then, as browsers do.
        checks = channel.eventLoop().scheduleAtFixedRate(this::check, CONSENT_INTERVAL_MILLIS, CONSENT_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        startDtls();
    }

    // ---------------------------------------------------------------- DTLS

    private void startDtls() {
        dtls = new DtlsEndpoint(DtlsRole.CLIENT, certificate, offer.fingerprint(), this::sendDtls, new DtlsEvents(),
                DtlsConfig.DEFAULTS);
        dtls.start();
    }

    private void sendDtls(byte[] datagram) {
        if (!closed) channel.writeAndFlush(Unpooled.wrappedBuffer(datagram), channel.voidPromise());
    }

    private final class DtlsEvents implements DtlsListener {
        @Override public void onHandshakeComplete(DtlsSrtpKeys exported) {
            SrtpKeys keys = SrtpSessionKeys.from(exported);
            channel.eventLoop().execute(() -> {
                receiver = new SrtpTransformer(keys.profile(), keys.remote(), MAX_SSRCS);
                sender = new SrtpTransformer(keys.profile(), keys.local(), MAX_SSRCS);
                sink.onConnected(PeerTransport.this);
            });
        }

        @Override public void onHandshakeFailed(String reason, Throwable cause) {
            channel.eventLoop().execute(() -> fail("DTLS: " + reason));
        }

        @Override public void onClosed(String reason) {
            if (!closed) channel.eventLoop().execute(() -> fail("DTLS closed: " + reason));
        }
    }

    // ---------------------------------------------------------------- receive

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        ByteBuf buf = msg instanceof DatagramPacket p ? p.content() : (ByteBuf) msg;
        try {
            if (closed || buf.readableBytes() < 1) return;
            int first = buf.getUnsignedByte(buf.readerIndex());
            if (first < 4) {
                onStun(buf);
            } else if (first >= 20 && first <= 63) {
                DtlsEndpoint endpoint = dtls;
                if (endpoint != null) endpoint.offerIncoming(buf);
            } else if (first >= 128 && first <= 191 && buf.readableBytes() >= 12 && receiver != null) {
                int second = buf.getUnsignedByte(buf.readerIndex() + 1);
                if (second >= 192 && second <= 223) {
                    if (receiver.unprotectRtcp(buf) == SrtpResult.OK) sink.onRtcp(buf);
                } else {
                    sink.onRtp(buf, now);
                }
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like surface here on a connected socket; the server may be restarting.
        if (!closed && !iceConnected) fail("UDP: " + cause.getMessage());
    }

    private void fail(String reason) {
        if (closed) return;
        sink.onFailed(reason);
    }

    /** Sends DTLS close_notify and closes the socket. Any thread. */
    public void close() {
        if (closed) return;
        DtlsEndpoint endpoint = dtls;
        if (endpoint != null) endpoint.close();
        closed = true;
        if (channel != null) {
            channel.eventLoop().execute(() -> {
                if (checks != null) checks.cancel(false);
            });
            channel.close();
        }
    }
}
