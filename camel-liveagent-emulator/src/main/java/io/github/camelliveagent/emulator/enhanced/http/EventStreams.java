package io.github.camelliveagent.emulator.enhanced.http;

import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.stream.EventBook;
import io.github.camelliveagent.emulator.enhanced.stream.StreamEvent;
import io.github.camelliveagent.emulator.enhanced.stream.StreamSignals;
import io.github.camelliveagent.emulator.enhanced.token.AccessToken;
import io.github.camelliveagent.emulator.enhanced.token.AccessTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open {@code /eventrouter/v1/sse} streams: each sends its end user's events after its position, live, with
 * {@code ping}s between, and ends when its token expires, when the server's maximum age passes, or when a fault
 * drops it. Confined to the emulator's single event loop; the {@link StreamSignals} calls only queue work onto it.
 */
final class EventStreams implements StreamSignals {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    private static final String PING = "event:ping\ndata:{}\n\n";

    private final class Stream {
        final HttpServerResponse res;
        final HttpServerRequest req;
        final String subject;
        final String tokenId;
        long lastSent;
        long pingTimer = -1;
        long ageTimer = -1;
        long expiryTimer = -1;
        boolean over;

        Stream(HttpServerRequest req, String subject, String tokenId, long lastSent) {
            this.req = req;
            this.res = req.response();
            this.subject = subject;
            this.tokenId = tokenId;
            this.lastSent = lastSent;
        }
    }

    private final Vertx vertx;
    private final EventBook events;
    private final AccessTokens tokens;
    private final EnhancedChatSettings settings;
    private final Map<String, List<Stream>> bySubject = new HashMap<>();
    // read from test threads through the conversations
    private final Map<String, AtomicInteger> openCount = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connectCount = new ConcurrentHashMap<>();

    EventStreams(Vertx vertx, EventBook events, AccessTokens tokens, EnhancedChatSettings settings) {
        this.vertx = vertx;
        this.events = events;
        this.tokens = tokens;
        this.settings = settings;
    }

    /** Answers an accepted stream request: 200, then the events after {@code startAfter}, then live ones. */
    void open(HttpServerRequest req, AccessToken token, long startAfter) {
        List<Stream> sameToken = streams(token.subject()).stream().filter(o -> o.tokenId.equals(token.tokenId())).toList();
        if (!sameToken.isEmpty()) {
            // one stream per token (miaw-api.md §0, §5.1); what the server does with a second is open: a switch
            switch (settings.streamsPerToken()) {
                case FIRST_WINS -> {
                    LOG.info("Event stream refused: one is open already for this access token");
                    req.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                            .end("{\"message\":\"An event stream is already open for this access token\","
                                 + "\"errorCode\":\"CONFLICT\"}");
                    return;
                }
                case NEWEST_WINS -> sameToken.forEach(o -> end(o, "a newer stream opened with the same access token"));
                case MANY -> {
                }
            }
        }
        Stream s = new Stream(req, token.subject(), token.tokenId(), startAfter);
        HttpServerResponse res = s.res;
        res.setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream;charset=UTF-8")
                .putHeader("Cache-Control", "no-cache")
                .setChunked(true);
        res.writeHead();
        bySubject.computeIfAbsent(s.subject, k -> new ArrayList<>()).add(s);
        openCount.computeIfAbsent(s.subject, k -> new AtomicInteger()).incrementAndGet();
        connectCount.computeIfAbsent(s.subject, k -> new AtomicInteger()).incrementAndGet();
        res.closeHandler(v -> forget(s));
        res.exceptionHandler(e -> forget(s));
        s.pingTimer = vertx.setPeriodic(settings.pingInterval().toMillis(), t -> write(s, PING));
        if (settings.streamMaxAge() != null) {
            s.ageTimer = vertx.setTimer(settings.streamMaxAge().toMillis(), t -> end(s, "its maximum age passed"));
        }
        long untilExpiry = Duration.between(tokens.now(), token.expiresAt()).toMillis();
        s.expiryTimer = vertx.setTimer(Math.max(1, untilExpiry), t -> expired(s));
        LOG.debug("Event stream opened, resuming after event {}", startAfter);
        flush(s);
    }

    @Override
    public void appended(String subject) {
        vertx.runOnContext(v -> {
            List<Stream> list = bySubject.get(subject);
            if (list != null) {
                List.copyOf(list).forEach(this::flush);
            }
        });
    }

    @Override
    public void drop(String subject) {
        vertx.runOnContext(v -> streams(subject).forEach(s -> {
            LOG.info("Event stream dropped (injected fault)");
            forget(s);
            s.req.connection().close();
        }));
    }

    @Override
    public void tokensChanged() {
        vertx.runOnContext(v -> streams(null).stream().filter(s -> !tokens.valid(s.tokenId)).forEach(this::expired));
    }

    @Override
    public int openStreams(String subject) {
        AtomicInteger n = openCount.get(subject);
        return n == null ? 0 : n.get();
    }

    @Override
    public int connections(String subject) {
        AtomicInteger n = connectCount.get(subject);
        return n == null ? 0 : n.get();
    }

    private void flush(Stream s) {
        if (s.over) {
            return;
        }
        for (StreamEvent e : events.of(s.subject).after(s.lastSent).events()) {
            write(s, e.frame());
            s.lastSent = e.id();
        }
    }

    private void expired(Stream s) {
        if (s.over) {
            return;
        }
        if (settings.expiredStream() == EnhancedChatSettings.ExpiredStream.JWT_EXPIRED_MESSAGE) {
            write(s, "data:Jwt is expired\n\n");
        }
        end(s, "its token expired");
    }

    private void end(Stream s, String why) {
        if (s.over) {
            return;
        }
        LOG.info("Event stream closed by the server: {}", why);
        forget(s);
        s.res.end();
    }

    private void write(Stream s, String text) {
        if (!s.over && !s.res.closed() && !s.res.ended()) {
            s.res.write(text);
        }
    }

    private void forget(Stream s) {
        if (s.over) {
            return;
        }
        s.over = true;
        for (long t : new long[] {s.pingTimer, s.ageTimer, s.expiryTimer}) {
            if (t != -1) {
                vertx.cancelTimer(t);
            }
        }
        List<Stream> list = bySubject.get(s.subject);
        if (list != null) {
            list.remove(s);
            if (list.isEmpty()) {
                bySubject.remove(s.subject);
            }
        }
        openCount.get(s.subject).decrementAndGet();
    }

    private List<Stream> streams(String subject) {
        if (subject != null) {
            return List.copyOf(bySubject.getOrDefault(subject, List.of()));
        }
        List<Stream> all = new ArrayList<>();
        bySubject.values().forEach(all::addAll);
        return all;
    }
}
