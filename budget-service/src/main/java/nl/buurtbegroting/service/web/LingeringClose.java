package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection the way mature servers do ("lingering close"), so that the last answer reaches the client.
 *
 * <p>When the service closes a connection whose client is still sending (a body over the size limit, answered 413
 * before it is read: see {@link OversizedBodyClose}), a plain close with bytes still unread makes the operating
 * system answer them with a TCP reset, and the reset can overtake the answer: the client saw no answer at all
 * ("header parser received no bytes"). Here the close first sends everything written, then ends only the sending
 * half (FIN), and reads and throws away what the client still sends until it closes its side, so the reset never
 * comes while the answer is on its way.
 *
 * <p>A slow or endless sender cannot hold the connection: it is closed for good after {@code bb.http.linger.max-bytes}
 * thrown-away bytes (default 32 MB), after {@code bb.http.linger.max-time} (default 10 s) in all, or after
 * {@code bb.http.linger.idle} (default 2 s) without a byte. Lingering costs a socket and no thread.
 */
@Singleton
final class LingeringClose implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final long maxBytes;
    private final long maxMillis;
    private final long idleMillis;

    LingeringClose(@Property(name = "bb.http.linger.max-bytes", defaultValue = "33554432") long maxBytes,
                   @Property(name = "bb.http.linger.max-time", defaultValue = "10000") long maxMillis,
                   @Property(name = "bb.http.linger.idle", defaultValue = "2000") long idleMillis) {
        this.maxBytes = maxBytes;
        this.maxMillis = maxMillis;
        this.idleMillis = idleMillis;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                if (role != ChannelRole.CONNECTION || !(channel instanceof DuplexChannel)) {
                    return this;
                }
                return new NettyServerCustomizer() {
                    @Override
                    public void onInitialPipelineBuilt() {
                        // First in the pipeline: it sees every close on its way out and every byte as it comes in.
                        channel.pipeline().addFirst("bb-lingering-close", new Handler(maxBytes, maxMillis, idleMillis));
                    }
                };
            }
        });
        return event.getBean();
    }

    /** One connection's lingering; runs on the connection's event loop only. */
    static final class Handler extends ChannelDuplexHandler {

        private final long maxBytes;
        private final long maxMillis;
        private final long idleMillis;
        private ChannelPromise closing;
        private long discarded;
        private long lastRead;
        private long deadline;
        private ScheduledFuture<?> timer;

        Handler(long maxBytes, long maxMillis, long idleMillis) {
            this.maxBytes = maxBytes;
            this.maxMillis = maxMillis;
            this.idleMillis = idleMillis;
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (closing != null) {
                // A second close while lingering (a timeout of the framework's own, say): it ends when ours does.
                closing.addListener(f -> promise.trySuccess());
                return;
            }
            if (!ctx.channel().isActive() || maxMillis <= 0) {
                ctx.close(promise);
                return;
            }
            closing = promise;
            long now = System.nanoTime();
            lastRead = now;
            deadline = now + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            // Writes complete in order: once this empty one is written, so is the answer before it.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                if (!written.isSuccess() || !ctx.channel().isActive()) {
                    finish(ctx);
                    return;
                }
                ((DuplexChannel) ctx.channel()).shutdownOutput().addListener(shut -> {
                    if (!shut.isSuccess()) {
                        finish(ctx);
                        return;
                    }
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                    check(ctx);
                });
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            discarded += msg instanceof ByteBuf b ? b.readableBytes() : msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
            ReferenceCountUtil.release(msg);
            lastRead = System.nanoTime();
            if (discarded > maxBytes) {
                finish(ctx);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (closing == null) {
                ctx.fireChannelReadComplete();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (closing != null) {
                finish(ctx);
            }
            super.channelInactive(ctx);
        }

        /** Closes when the time is up or the client has been silent for the idle time; otherwise looks again later. */
        private void check(ChannelHandlerContext ctx) {
            if (closing == null || closing.isDone()) {
                return;
            }
            long now = System.nanoTime();
            long idleEnd = lastRead + TimeUnit.MILLISECONDS.toNanos(idleMillis);
            long next = Math.min(deadline, idleEnd);
            if (now >= next) {
                finish(ctx);
                return;
            }
            timer = ctx.executor().schedule(() -> check(ctx), next - now, TimeUnit.NANOSECONDS);
        }

        private void finish(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
            }
            ChannelPromise promise = closing;
            if (promise != null && !promise.isDone()) {
                ctx.close(promise);
            }
        }
    }
}
