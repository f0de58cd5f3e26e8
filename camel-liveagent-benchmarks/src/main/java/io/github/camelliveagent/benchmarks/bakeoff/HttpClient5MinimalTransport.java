package io.github.camelliveagent.benchmarks.bakeoff;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's minimal async client: the same I/O reactor and connection pool as the component's client,
 * without the classic exec chain (protocol interceptors, auth, redirect and retry handlers, route planning), which
 * also means without proxy support. Measures what that chain costs per round trip.
 */
final class HttpClient5MinimalTransport implements Transport {

    private final MinimalHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager pool;
    private final HttpHost host;
    private final RequestConfig config = RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(120)).build();

    HttpClient5MinimalTransport(String baseUrl, int connections) {
        host = HttpHost.create(URI.create(baseUrl));
        pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(30)).build())
                .build();
        client = HttpAsyncClients.createMinimal(HttpVersionPolicy.FORCE_HTTP_1, H2Config.DEFAULT,
                Http1Config.custom().setBufferSize(2048).build(), IOReactorConfig.DEFAULT, pool);
        client.start();
    }

    @Override
    public CompletableFuture<Reply> call(String method, String resource, String query, String affinity, String key,
                                         long sequence, byte[] body) {
        SimpleRequestBuilder rb = SimpleRequestBuilder.create(method)
                .setHttpHost(host)
                .setPath(query == null ? "/chat/rest/" + resource : "/chat/rest/" + resource + '?' + query)
                .addHeader("X-LIVEAGENT-API-VERSION", "52")
                .addHeader("Accept", "application/json")
                .addHeader("X-LIVEAGENT-AFFINITY", affinity);
        if (key != null) {
            rb.addHeader("X-LIVEAGENT-SESSION-KEY", key);
        }
        if (sequence >= 0) {
            rb.addHeader("X-LIVEAGENT-SEQUENCE", Long.toString(sequence));
        }
        if (body != null) {
            rb.setBody(body, ContentType.APPLICATION_JSON);
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config);
        CompletableFuture<Reply> result = new CompletableFuture<>();
        client.execute(SimpleRequestProducer.create(rb.build()), SimpleResponseConsumer.create(), null, context,
                new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse r) {
                        result.complete(new Reply(r.getCode(), r.getBodyBytes()));
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
        return result;
    }

    @Override
    public void close() {
        pool.close(CloseMode.IMMEDIATE);
        client.close(CloseMode.GRACEFUL);
    }
}
