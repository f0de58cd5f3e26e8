package io.github.camelliveagent.emulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A bare JDK HttpClient for talking to the emulator over real (loopback) HTTP. */
public final class RestClient {

    public static final String VERSION = "X-LIVEAGENT-API-VERSION";
    public static final String AFFINITY = "X-LIVEAGENT-AFFINITY";
    public static final String KEY = "X-LIVEAGENT-SESSION-KEY";
    public static final String SEQUENCE = "X-LIVEAGENT-SEQUENCE";

    private final HttpClient http;
    private final String baseUrl;

    public RestClient(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    public RestClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Builds a request; {@code path} is relative to the base URL, headers as name/value pairs (null values skipped). */
    public HttpRequest request(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return b.build();
    }

    public Reply send(String method, String path, String body, String... headers) {
        try {
            HttpResponse<String> r = http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CompletableFuture<Reply> sendAsync(String method, String path, String body, String... headers) {
        return http.sendAsync(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), r.headers()));
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Creates a session with API version 42 (or the given one). */
    public Visitor newVisitor() {
        return newVisitor(42);
    }

    public Visitor newVisitor(int apiVersion) {
        Reply r = get("/chat/rest/System/SessionId", VERSION, String.valueOf(apiVersion), AFFINITY, "null");
        if (r.status() != 200) {
            throw new AssertionError("SessionId failed: " + r);
        }
        return new Visitor(this, apiVersion, r.json());
    }
}
