package io.github.camelliveagent.component.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP seam on Apache HttpClient 5's asynchronous client: a few I/O reactor threads hold every session's long
 * poll, so no thread waits per session or per call.
 * <p>
 * Cookies, redirects and automatic retries are off: the client is shared by every session of a component, so a
 * cookie of one chat must not reach another, and retrying is the session's decision (a retried POST must keep its
 * sequence number).
 */
public final class HttpClient5LiveAgentClient implements LiveAgentClient {

    private static final ContentType JSON = ContentType.APPLICATION_JSON;
    private static final Header ACCEPT_JSON = new BasicHeader("Accept", "application/json");
    /** Bound of the two caches below, which hold what never changes between calls. */
    private static final int MAX_CACHED = 64;

    private final Map<URI, Target> targets = new ConcurrentHashMap<>();
    private final Map<Long, RequestConfig> requestConfigs = new ConcurrentHashMap<>();

    /**
     * Initial size of each of the three buffers HttpCore keeps per connection (input, output, content). Every session
     * keeps a connection for its long poll, so this is paid per open chat: the default, 8 KB each, made 24 KB of heap
     * per idle session. The Chat API's requests and most replies are under 1 KB, and a buffer grows when a larger one
     * comes. Measured at 10,000 idle chats (issue 12): 2 KB buffers, 13.7 KB of heap per chat; 1 KB, 10.6 KB; 512
     * bytes, 9.4 KB, but 1.9 times the CPU per event at 1,000 chats with 20 events a second in replies of ten.
     */
    static final int CONNECTION_BUFFER_SIZE = 1024;

    /** The context attribute under which a call keeps its connection's runtime. */
    private static final String EXEC_RUNTIME = "io.github.camelliveagent.execRuntime";

    private final CloseableHttpAsyncClient http;
    private final PoolingAsyncClientConnectionManager pool;
    private final int maxResponseBytes;

    /**
     * @param ioThreads      the I/O reactor threads (0 = one per core)
     * @param maxConnections connections at most, across all sessions; every session holds one for its poll
     * @param connectTimeoutMs connect timeout
     * @param sslContext     the TLS context for https, or null for the JVM default
     * @param proxy          an HTTP proxy, or null
     */
    public HttpClient5LiveAgentClient(int ioThreads, int maxConnections, long connectTimeoutMs,
                                      SSLContext sslContext, HttpHost proxy) {
        this(ioThreads, maxConnections, connectTimeoutMs, sslContext, proxy, DEFAULT_MAX_RESPONSE_SIZE);
    }

    /** The default limit of a response body: far above any Live Agent payload, far below a heap's worth. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 4 * 1024 * 1024;

    /**
     * @param maxResponseBytes a response body larger than this fails its call
     */
    public HttpClient5LiveAgentClient(int ioThreads, int maxConnections, long connectTimeoutMs,
                                      SSLContext sslContext, HttpHost proxy, int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        PoolingAsyncClientConnectionManagerBuilder poolBuilder = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                        .build());
        if (sslContext != null) {
            poolBuilder.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildAsync());
        }
        this.pool = poolBuilder.build();
        IOReactorConfig.Builder reactor = IOReactorConfig.custom();
        if (ioThreads > 0) {
            reactor.setIoThreadCount(ioThreads);
        }
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(reactor.build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .setHttp1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_SIZE).build())
                .setThreadFactory(new NamedThreadFactory("LiveAgentHttpIO"));
        // keeps each call's connection reachable, so that aborting the call can close it (see execute)
        builder.addExecInterceptorFirst("liveagent-runtime", (request, entity, scope, chain, callback) -> {
            scope.clientContext.setAttribute(EXEC_RUNTIME, scope.execRuntime);
            chain.proceed(request, entity, scope, callback);
        });
        if (proxy != null) {
            builder.setProxy(proxy);
        }
        this.http = builder.build();
        this.http.start();
    }

    @Override
    public CompletableFuture<LiveAgentReply> upload(FileUploadRequest request) {
        byte[] body;
        ContentType multipart;
        try {
            // the multipart body is built in memory (uploads are agent-requested files, bounded by the route) and sent
            // like any other body, so the call stays on the asynchronous client
            HttpEntity entity = MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.EXTENDED)
                    .setCharset(StandardCharsets.UTF_8)
                    .addBinaryBody("file", request.content(), ContentType.parse(request.contentType()), request.fileName())
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream(request.content().length + 512);
            entity.writeTo(out);
            body = out.toByteArray();
            multipart = ContentType.parse(entity.getContentType());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "Cannot build the multipart body of " + request.describe() + ": " + e.getMessage(), e));
        }
        SimpleRequestBuilder rb = SimpleRequestBuilder.post()
                .setUri(request.uri())
                .addHeader("Accept", "*/*")
                .setBody(body, multipart);
        return execute(rb, request.timeoutMs());
    }

    @Override
    public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
        Target target = target(request.server());
        String path = target.pathPrefix + request.path();
        SimpleRequestBuilder rb = SimpleRequestBuilder.create(request.method())
                .setHttpHost(target.host)
                .setPath(request.rawQuery() == null || request.rawQuery().isEmpty() ? path : path + '?' + request.rawQuery())
                .addHeader(target.apiVersion)
                .addHeader(ACCEPT_JSON);
        if (request.affinity() != null) {
            rb.addHeader("X-LIVEAGENT-AFFINITY", request.affinity());
        }
        if (request.sessionKey() != null) {
            rb.addHeader("X-LIVEAGENT-SESSION-KEY", request.sessionKey());
        }
        if (request.sequence() != null) {
            rb.addHeader("X-LIVEAGENT-SEQUENCE", Long.toString(request.sequence()));
        }
        if (request.body() != null) {
            rb.setBody(request.body(), JSON);
        }
        return execute(rb, request.timeoutMs());
    }

    /** What every call to one server shares, made once: its host, the path up to the resource, the version header. */
    private record Target(HttpHost host, String pathPrefix, String version, Header apiVersion) {
    }

    private Target target(ChatServer server) {
        // keyed by the base URI: sessions restored from a store each have their own ChatServer for the same server
        Target t = targets.get(server.baseUri());
        if (t == null || !t.version.equals(server.apiVersion())) {
            if (targets.size() >= MAX_CACHED) {
                targets.clear(); // servers come from configuration and SwitchServer replies: a handful, unless abused
            }
            URI base = server.baseUri();
            String prefix = (base.getRawPath() == null ? "" : base.getRawPath()) + "/chat/rest/";
            t = new Target(HttpHost.create(base), prefix, server.apiVersion(),
                    new BasicHeader("X-LIVEAGENT-API-VERSION", server.apiVersion()));
            targets.put(base, t);
        }
        return t;
    }

    private RequestConfig requestConfig(long timeoutMs) {
        RequestConfig c = requestConfigs.get(timeoutMs);
        if (c == null) {
            if (requestConfigs.size() >= MAX_CACHED) {
                requestConfigs.clear(); // time-outs come from the configuration: a few values
            }
            // an aborted call closes its connection: a long poll given up (a hand-over, a chat handed to another node)
            // must end on the server at once, or the next poll of the session is taken for a second one (409)
            c = RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(timeoutMs)).setHardCancellationEnabled(true)
                    .build();
            requestConfigs.put(timeoutMs, c);
        }
        return c;
    }

    private CompletableFuture<LiveAgentReply> execute(SimpleRequestBuilder rb, long timeoutMs) {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig(timeoutMs));

        CompletableFuture<LiveAgentReply> result = new CompletableFuture<>();
        Future<Message<HttpResponse, byte[]>> call = http.execute(
                SimpleRequestProducer.create(rb.build()),
                new BasicResponseConsumer<>(new BoundedBodyConsumer(maxResponseBytes)), null, context,
                new FutureCallback<>() {
                    @Override
                    public void completed(Message<HttpResponse, byte[]> response) {
                        result.complete(new LiveAgentReply(response.getHead().getCode(), response.getBody()));
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
        // lets a caller abort an in-flight call (e.g. every call of a session when the server hands it over). Cancelling
        // alone leaves an HTTP/1.1 connection open until the server answers, and a long poll the server still holds
        // makes the session's next poll a second one (409, the chat is over): the connection is closed as well.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                call.cancel(true);
                if (context.getAttribute(EXEC_RUNTIME) instanceof AsyncExecRuntime runtime) {
                    runtime.discardEndpoint();
                }
            }
        });
        return result;
    }

    @Override
    public void close() {
        // held long polls would keep a graceful close waiting for the server's hold time; nothing else is in flight
        // when a component stops, since Camel has already drained its exchanges. Closing the pool first ends the
        // held connections before the reactor stops (an immediate close alone races with the reactor's event loop).
        pool.close(CloseMode.IMMEDIATE);
        http.close(CloseMode.GRACEFUL);
    }
}
