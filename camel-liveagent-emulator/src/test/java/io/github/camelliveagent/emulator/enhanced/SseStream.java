package io.github.camelliveagent.emulator.enhanced;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * An open {@code /eventrouter/v1/sse} stream read line by line on its own thread, as a plain client would; frames are
 * collected in order and waited for with Awaitility.
 */
final class SseStream implements AutoCloseable {

    private final HttpResponse<InputStream> response;
    private final List<SseFrame> frames = new CopyOnWriteArrayList<>();
    private final List<String> rawLines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;

    SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Every frame so far, pings included. */
    List<SseFrame> frames() {
        return List.copyOf(frames);
    }

    /** The frames that are not pings. */
    List<SseFrame> events() {
        return frames.stream().filter(f -> !f.event().equals("ping")).toList();
    }

    /** Every line received, as is. */
    List<String> rawLines() {
        return List.copyOf(rawLines);
    }

    /** Waits for the first frame (after {@code skip} matching ones) that matches; fails after 20 s. */
    SseFrame await(Predicate<SseFrame> match) {
        SseFrame[] found = new SseFrame[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (SseFrame f : frames) {
                if (match.test(f)) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for the first frame with this event name. */
    SseFrame await(String event) {
        return await(f -> f.event().equals(event));
    }

    /** Waits until at least {@code n} frames matching arrived; returns them. */
    List<SseFrame> awaitCount(Predicate<SseFrame> match, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream().filter(match).count() >= n);
        return frames.stream().filter(match).toList();
    }

    /** Whether the server ended the stream (end of body or connection closed), waiting up to {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing an aborted stream
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                rawLines.add(line);
                if (line.isEmpty()) {
                    if (!data.isEmpty() || event != null) {
                        frames.add(new SseFrame(id, event == null ? "message" : event, String.join("\n", data)));
                    }
                    id = null;
                    event = null;
                    data = new ArrayList<>();
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data.add(value);
                    default -> { }
                }
            }
        } catch (IOException e) {
            // the connection was closed (by the server's fault or by close())
        } finally {
            ended.countDown();
        }
    }
}
