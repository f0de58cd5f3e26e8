package io.github.camelliveagent.benchmarks.bakeoff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12's HTTP client (HTTP/1.1 over its own selector): its thread pool bounded to 8 threads, Jetty's own minimum
 * for a selector, reserved threads and completions.
 */
final class JettyTransport implements Transport {

    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpClient client;
    private final String base;

    JettyTransport(String baseUrl, int connections) throws Exception {
        base = baseUrl + "/chat/rest/";
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("jetty-http");
        pool.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(pool);
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(connections * 2);
        client.setIdleTimeout(0);
        client.setConnectTimeout(30_000);
        client.setFollowRedirects(false);
        client.start();
    }

    @Override
    public CompletableFuture<Reply> call(String method, String resource, String query, String affinity, String key,
                                         long sequence, byte[] body) {
        Request r = client.newRequest(query == null ? base + resource : base + resource + '?' + query)
                .method(method)
                .timeout(120, TimeUnit.SECONDS)
                .headers(h -> {
                    h.put("X-LIVEAGENT-API-VERSION", "52");
                    h.put(HttpHeader.ACCEPT, "application/json");
                    h.put("X-LIVEAGENT-AFFINITY", affinity);
                    if (key != null) {
                        h.put("X-LIVEAGENT-SESSION-KEY", key);
                    }
                    if (sequence >= 0) {
                        h.put("X-LIVEAGENT-SEQUENCE", Long.toString(sequence));
                    }
                });
        if (body != null) {
            r.body(new BytesRequestContent("application/json", body));
        }
        CompletableFuture<Reply> result = new CompletableFuture<>();
        r.send(new BufferingResponseListener(MAX_BODY) {
            @Override
            public void onComplete(org.eclipse.jetty.client.Result res) {
                if (res.isFailed()) {
                    result.completeExceptionally(res.getFailure());
                } else {
                    result.complete(new Reply(res.getResponse().getStatus(), getContent()));
                }
            }
        });
        return result;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
