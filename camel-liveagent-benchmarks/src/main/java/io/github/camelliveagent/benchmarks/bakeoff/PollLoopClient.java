package io.github.camelliveagent.benchmarks.bakeoff;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.github.camelliveagent.benchmarks.LoadClient;
import io.github.camelliveagent.benchmarks.Recorder;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.Messages;
import io.github.camelliveagent.component.model.SessionIdResponse;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import org.apache.camel.CamelContext;

/**
 * The bake-off's client: the component's poll loop reduced to what every HTTP client must do for it, the same for
 * each {@link Transport}. Per chat: {@code System/SessionId}, {@code Chasitor/ChasitorInit}, then
 * {@code System/Messages?ack=…} again as soon as each reply arrives (200: read with the component's
 * {@link LiveAgentJson#readMessages}, ack its sequence; 204: same ack). The loop continues on the client's own
 * callback thread, as the component's poller is started from its I/O thread's completion; no Camel, no session state
 * machine, so what differs between runs is the HTTP client alone.
 */
public final class PollLoopClient implements LoadClient {

    private static final String ORG = "00D000000000001";

    private final String name;
    private Transport transport;
    private Recorder recorder;
    private Chat[] chats;
    private final LongAdder established = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong visitorFailures = new AtomicLong();

    private static final class Chat {
        String affinity;
        String key;
        volatile long ack = -1;
        final AtomicLong sequence = new AtomicLong();
    }

    public PollLoopClient(String name) {
        this.name = name;
    }

    /** @return whether {@code mode} names a bake-off client ({@code poll-hc5}, {@code poll-jdk}, …) */
    public static boolean handles(String mode) {
        return mode.startsWith("poll-");
    }

    @Override
    public CamelContext start(String baseUrl, int sessions, Recorder recorder) throws Exception {
        this.recorder = recorder;
        int connections = sessions + 100;
        transport = switch (name) {
            case "poll-hc5" -> new HttpClient5Transport(baseUrl, connections);
            case "poll-hc5min" -> new HttpClient5MinimalTransport(baseUrl, connections);
            case "poll-jdk" -> new JdkTransport(baseUrl);
            case "poll-vertx" -> new VertxTransport(baseUrl, connections);
            case "poll-jetty" -> new JettyTransport(baseUrl, connections);
            default -> throw new IllegalArgumentException("unknown bake-off client " + name
                    + "; valid: poll-hc5, poll-hc5min, poll-jdk, poll-vertx, poll-jetty");
        };
        chats = new Chat[sessions];
        return null;
    }

    @Override
    public void openSessions(int sessions, long timeoutMs) throws Exception {
        Semaphore window = new Semaphore(256);
        AtomicLong openFailures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        for (int i = 0; i < sessions; i++) {
            window.acquire();
            Chat c = new Chat();
            chats[i] = c;
            transport.call("GET", "System/SessionId", null, "null", null, -1, null)
                    .thenCompose(reply -> {
                        SessionIdResponse s = LiveAgentJson.readSessionId(reply.body());
                        c.affinity = s.affinityToken();
                        c.key = s.key();
                        byte[] init = ("{\"organizationId\":\"" + ORG + "\",\"deploymentId\":\"572000000000001\","
                                       + "\"buttonId\":\"573000000000001\",\"sessionId\":\"" + s.id() + "\","
                                       + "\"visitorName\":\"Load Visitor\",\"userAgent\":\"bake-off\",\"language\":\"en-US\","
                                       + "\"screenResolution\":\"n/a\",\"prechatDetails\":[],\"prechatEntities\":[],"
                                       + "\"receiveQueueUpdates\":true,\"isPost\":true}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        return transport.call("POST", "Chasitor/ChasitorInit", null, c.affinity, c.key,
                                c.sequence.incrementAndGet(), init);
                    })
                    .whenComplete((reply, err) -> {
                        if (err != null || reply.status() != 200) {
                            openFailures.incrementAndGet();
                            firstFailure.compareAndSet(null, err != null ? err.toString() : "HTTP " + reply.status());
                        } else {
                            poll(c);
                        }
                        window.release();
                    });
        }
        window.acquire(256);
        window.release(256);
        if (openFailures.get() > 0) {
            throw new IllegalStateException(openFailures.get() + " chats could not be opened, the first: "
                                            + firstFailure.get());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (established.sum() < sessions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + established.sum() + " of " + sessions + " chats established");
            }
            Thread.sleep(20);
        }
    }

    private void poll(Chat c) {
        inFlight.incrementAndGet();
        transport.call("GET", "System/Messages", "ack=" + c.ack, c.affinity, c.key, -1, null)
                .whenComplete((reply, err) -> {
                    inFlight.decrementAndGet();
                    if (err != null || (reply.status() != 200 && reply.status() != 204)) {
                        failures.incrementAndGet(); // this chat's loop ends: the figures count it
                        return;
                    }
                    roundTrips.increment();
                    if (reply.status() == 200) {
                        Messages m = LiveAgentJson.readMessages(reply.body());
                        for (LiveAgentMessage e : m.messages()) {
                            if (e instanceof ChatMessage cm) {
                                recorder.record(cm.text());
                            } else if (e instanceof ChatEstablished) {
                                established.increment();
                            }
                        }
                        c.ack = m.sequence();
                    }
                    poll(c);
                });
    }

    @Override
    public void sendVisitorMessage(int index, String text) {
        Chat c = chats[index];
        byte[] body = LiveAgentJson.write(new io.github.camelliveagent.component.model.request.ChatMessage(text));
        transport.call("POST", "Chasitor/ChatMessage", null, c.affinity, c.key, c.sequence.incrementAndGet(), body)
                .whenComplete((reply, err) -> {
                    if (err != null || reply.status() != 200) {
                        visitorFailures.incrementAndGet();
                    }
                });
    }

    @Override
    public int pollsInFlight() {
        return inFlight.get();
    }

    @Override
    public long visitorFailures() {
        return visitorFailures.get();
    }

    @Override
    public long pollRoundTrips() {
        return roundTrips.sum();
    }

    @Override
    public long pollFailures() {
        return failures.get();
    }

    @Override
    public void close() throws Exception {
        if (transport != null) {
            transport.close();
        }
    }
}
