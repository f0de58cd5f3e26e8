package io.github.camelliveagent.benchmarks.bakeoff;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's {@link HttpClient} (HTTP/1.1): one selector thread of its own; its completions run on an executor, here
 * two threads (as many as the other clients' I/O threads on this 2-core machine) instead of its unbounded default.
 */
final class JdkTransport implements Transport {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String base;
    private final ExecutorService executor;
    private final HttpClient client;

    JdkTransport(String baseUrl) {
        base = baseUrl + "/chat/rest/";
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "jdk-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    public CompletableFuture<Reply> call(String method, String resource, String query, String affinity, String key,
                                         long sequence, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(query == null ? base + resource : base + resource + '?' + query))
                .timeout(TIMEOUT)
                .header("X-LIVEAGENT-API-VERSION", "52")
                .header("Accept", "application/json")
                .header("X-LIVEAGENT-AFFINITY", affinity);
        if (key != null) {
            b.header("X-LIVEAGENT-SESSION-KEY", key);
        }
        if (sequence >= 0) {
            b.header("X-LIVEAGENT-SEQUENCE", Long.toString(sequence));
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Reply(r.statusCode(), r.body()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
