package io.github.camelliveagent.benchmarks.bakeoff;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** Vert.x's core HTTP client (the emulator's Vert.x), on two event loops, one per core as the other clients. */
final class VertxTransport implements Transport {

    private final Vertx vertx;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final String base;

    VertxTransport(String baseUrl, int connections) {
        URI uri = URI.create(baseUrl);
        host = uri.getHost();
        port = uri.getPort();
        base = "/chat/rest/";
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout(30_000)
                        .setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    @Override
    public CompletableFuture<Reply> call(String method, String resource, String query, String affinity, String key,
                                         long sequence, byte[] body) {
        RequestOptions o = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setHost(host).setPort(port)
                .setURI(query == null ? base + resource : base + resource + '?' + query)
                .setIdleTimeout(120_000)
                .putHeader("X-LIVEAGENT-API-VERSION", "52")
                .putHeader("Accept", "application/json")
                .putHeader("X-LIVEAGENT-AFFINITY", affinity);
        if (key != null) {
            o.putHeader("X-LIVEAGENT-SESSION-KEY", key);
        }
        if (sequence >= 0) {
            o.putHeader("X-LIVEAGENT-SEQUENCE", Long.toString(sequence));
        }
        CompletableFuture<Reply> result = new CompletableFuture<>();
        client.request(o)
                .compose(req -> {
                    if (body != null) {
                        req.putHeader("Content-Type", "application/json");
                        return req.send(Buffer.buffer(body));
                    }
                    return req.send();
                })
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b.getBytes())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(ar.result());
                    } else {
                        result.completeExceptionally(ar.cause());
                    }
                });
        return result;
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
