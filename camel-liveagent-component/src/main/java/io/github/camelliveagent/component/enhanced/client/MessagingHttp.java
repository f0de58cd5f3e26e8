package io.github.camelliveagent.component.enhanced.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import io.github.camelliveagent.component.client.BoundedBodyConsumer;
import io.github.camelliveagent.component.client.NamedThreadFactory;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.enhanced.stream.SseParser;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP for Enhanced Chat on Apache HttpClient 5's asynchronous client: REST calls, and event streams read as their
 * bytes arrive, so that every conversation's open stream is held by a few I/O threads and no thread waits per chat.
 * Its own client next to the Live Agent one: the two APIs share no headers, paths or error rules. Cookies, redirects
 * and automatic retries are off, as for Live Agent: retrying is the conversation's decision.
 */
public final class MessagingHttp implements AutoCloseable {

    /** The longest event stream line accepted (an entry with a long message and its JSON). */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final CloseableHttpAsyncClient http;
    private final PoolingAsyncClientConnectionManager pool;
    private final int maxResponseBytes;

    public MessagingHttp(int ioThreads, int maxConnections, long connectTimeoutMs, SSLContext sslContext, HttpHost proxy,
                         int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        PoolingAsyncClientConnectionManagerBuilder poolBuilder = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs)).build());
        if (sslContext != null) {
            poolBuilder.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildAsync());
        }
        this.pool = poolBuilder.build();
        IOReactorConfig.Builder reactor = IOReactorConfig.custom();
        if (ioThreads > 0) {
            reactor.setIoThreadCount(ioThreads);
        }
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(reactor.build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .setThreadFactory(new NamedThreadFactory("EnhancedChatHttpIO"));
        if (proxy != null) {
            builder.setProxy(proxy);
        }
        this.http = builder.build();
        this.http.start();
    }

    /**
     * One REST call.
     *
     * @param bearer the access token, or null for the token endpoint
     * @param body   the body, or null
     */
    public CompletableFuture<HttpReply> call(String method, URI uri, String bearer, byte[] body, ContentType contentType,
                                             long timeoutMs) {
        SimpleRequestBuilder rb = SimpleRequestBuilder.create(method).setUri(uri).addHeader("Accept", "application/json");
        if (bearer != null) {
            rb.addHeader("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            rb.setBody(body, contentType);
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(timeoutMs)).build());
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        Future<Message<HttpResponse, byte[]>> call = http.execute(SimpleRequestProducer.create(rb.build()),
                new BasicResponseConsumer<>(new BoundedBodyConsumer(maxResponseBytes)), null, context,
                new FutureCallback<>() {
                    @Override
                    public void completed(Message<HttpResponse, byte[]> response) {
                        byte[] bytes = response.getBody() == null ? new byte[0] : response.getBody();
                        result.complete(new HttpReply(response.getHead().getCode(), bytes,
                                retryAfterMs(response.getHead().getFirstHeader("Retry-After"))));
                    }

                    @Override
                    public void failed(Exception ex) {
                        result.completeExceptionally(ex);
                    }

                    @Override
                    public void cancelled() {
                        result.cancel(false);
                    }
                });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    /**
     * Opens an event stream: GET with these headers; the listener hears of every frame as it arrives.
     *
     * @param  idleTimeoutMs how long the stream may stay silent (no frame, no ping) before it counts as dropped
     * @return               cancels the stream (the listener then hears {@code closed})
     */
    public Runnable openStream(URI uri, Map<String, String> headers, long idleTimeoutMs, StreamListener listener) {
        SimpleRequestBuilder rb = SimpleRequestBuilder.get().setUri(uri);
        headers.forEach(rb::addHeader);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(idleTimeoutMs)).build());
        StreamConsumer consumer = new StreamConsumer(listener, maxResponseBytes);
        Future<Void> call = http.execute(SimpleRequestProducer.create(rb.build()), consumer, null, context,
                new FutureCallback<>() {
                    @Override
                    public void completed(Void result) {
                        consumer.end(null);
                    }

                    @Override
                    public void failed(Exception ex) {
                        consumer.end(ex);
                    }

                    @Override
                    public void cancelled() {
                        consumer.end(new java.util.concurrent.CancellationException("stream closed by the component"));
                    }
                });
        return () -> call.cancel(true);
    }

    static long retryAfterMs(Header header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.getValue().trim()) * 1000L);
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: the caller's own back-off applies
        }
    }

    @Override
    public void close() {
        pool.close(CloseMode.IMMEDIATE);
        http.close(CloseMode.GRACEFUL);
    }

    /**
     * Reads one event stream: a 200 is framed as it arrives; any other status has its body collected (bounded) and
     * reported as a refusal. The listener hears exactly one of refused/closed, once.
     */
    private static final class StreamConsumer implements AsyncResponseConsumer<Void> {

        private final StreamListener listener;
        private final int maxErrorBytes;
        private final SseParser parser = new SseParser(MAX_LINE_BYTES);
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile int status;
        private volatile long retryAfterMs = -1;
        private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

        StreamConsumer(StreamListener listener, int maxErrorBytes) {
            this.listener = listener;
            this.maxErrorBytes = maxErrorBytes;
        }

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
                                    FutureCallback<Void> resultCallback) throws HttpException, IOException {
            status = response.getCode();
            retryAfterMs = retryAfterMs(response.getFirstHeader("Retry-After"));
            if (status == 200) {
                listener.opened();
            }
            if (entityDetails == null) {
                resultCallback.completed(null);
            } else {
                this.callback = resultCallback;
            }
        }

        private volatile FutureCallback<Void> callback;

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            capacityChannel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            if (status != 200) {
                int room = maxErrorBytes - errorBody.size();
                int n = Math.min(room, src.remaining());
                byte[] chunk = new byte[n];
                src.get(chunk);
                errorBody.write(chunk, 0, n);
                src.position(src.limit());
                return;
            }
            List<SseFrame> frames;
            try {
                frames = parser.feed(src);
            } catch (IllegalStateException tooLong) {
                throw new IOException(tooLong.getMessage(), tooLong);
            }
            for (SseFrame frame : frames) {
                if (!ended.get()) {
                    listener.frame(frame);
                }
            }
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            FutureCallback<Void> cb = callback;
            if (cb != null) {
                cb.completed(null);
            }
        }

        @Override
        public void failed(Exception cause) {
            end(cause);
        }

        @Override
        public void releaseResources() {
        }

        void end(Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (status != 0 && status != 200) {
                listener.refused(new HttpReply(status, errorBody.toByteArray(), retryAfterMs));
            } else {
                listener.closed(failure);
            }
        }
    }
}
