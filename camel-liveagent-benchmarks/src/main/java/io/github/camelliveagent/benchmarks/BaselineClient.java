package io.github.camelliveagent.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The baseline: what a Camel user writes today without the component. Plain {@code http} calls with the Live Agent
 * headers set by hand ({@code System/SessionId}, then {@code Chasitor/ChasitorInit}), and per chat a
 * {@code timer:poll-<n>?period=1000} route that calls {@code System/Messages} once a second and parses the JSON.
 * <p>
 * camel-http is blocking (Apache HttpClient 5 classic), and the server holds a Messages poll until there is an
 * event or its hold time passes, so each chat's timer thread is held by its poll: one thread per session. A single
 * shared timer could not work at all: one held poll would stall every other chat. Messages are polled without
 * {@code ack}, as the guide allows (everything returned counts as acknowledged).
 */
final class BaselineClient implements LoadClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext context;
    private ProducerTemplate template;
    private String api;
    private Session[] sessions;
    private final LongAdder established = new LongAdder();
    private final AtomicLong visitorFailures = new AtomicLong();
    private final AtomicInteger pollsInFlight = new AtomicInteger();
    private ExecutorService visitorPool;
    private Recorder recorder;

    /** What the user keeps per chat. */
    static final class Session {
        volatile String id;
        volatile String key;
        volatile String affinity;
        final AtomicLong sequence = new AtomicLong();
        volatile boolean established;
    }

    @Override
    public CamelContext start(String baseUrl, int n, Recorder recorder) throws Exception {
        this.recorder = recorder;
        this.api = baseUrl + "/chat/rest/";
        context = new DefaultCamelContext();
        HttpComponent http = new HttpComponent();
        http.setMaxTotalConnections(n + 100);
        http.setConnectionsPerRoute(n + 100);
        context.addComponent("http", http);
        context.start();
        template = context.createProducerTemplate();
        sessions = new Session[n];
        // the user's sender of visitor messages: a handful of threads calling http
        visitorPool = Executors.newFixedThreadPool(8);
        return context;
    }

    private static void liveAgentHeaders(Exchange e, Session s, String method) {
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader("X-LIVEAGENT-API-VERSION", "52");
        e.getMessage().setHeader("X-LIVEAGENT-AFFINITY", s == null ? "null" : s.affinity);
        if (s != null) {
            e.getMessage().setHeader("X-LIVEAGENT-SESSION-KEY", s.key);
        }
        e.getMessage().setHeader(Exchange.HTTP_METHOD, method);
    }

    @Override
    public void openSessions(int n, long timeoutMs) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(16);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            all.add(starters.submit(() -> {
                open(idx);
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        starters.shutdown();
        // the poll routes, one per chat, added as the user's code would when a chat starts
        int batch = 200;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            int first = from;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = first; i < to; i++) {
                        Session s = sessions[i];
                        from("timer:poll-" + i + "?period=1000&delay=" + (i * 997L % 1000)).routeId("poll-" + i)
                                .process(e -> {
                                    liveAgentHeaders(e, s, "GET");
                                    e.getMessage().setBody(null);
                                    pollsInFlight.incrementAndGet();
                                })
                                .to(api + "System/Messages?throwExceptionOnFailure=false")
                                .process(e -> {
                                    pollsInFlight.decrementAndGet();
                                    onMessages(s, e);
                                });
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (established.sum() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + established.sum() + " of " + n + " chats established");
            }
            Thread.sleep(20);
        }
    }

    private void open(int idx) throws Exception {
        Session s = new Session();
        Exchange id = template.request(api + "System/SessionId", e -> {
            liveAgentHeaders(e, null, "GET");
            e.getMessage().setBody(null);
        });
        if (id.getException() != null) {
            throw id.getException();
        }
        JsonNode reply = JSON.readTree(id.getMessage().getBody(byte[].class));
        s.id = reply.get("id").asText();
        s.key = reply.get("key").asText();
        s.affinity = reply.get("affinityToken").asText();
        ObjectNode init = JSON.createObjectNode()
                .put("organizationId", "00D000000000001")
                .put("deploymentId", "572000000000001")
                .put("buttonId", "573000000000001")
                .put("sessionId", s.id)
                .put("visitorName", "Load Visitor")
                .put("userAgent", "camel-http")
                .put("language", "en-US")
                .put("screenResolution", "n/a")
                .put("receiveQueueUpdates", true)
                .put("isPost", true);
        init.putArray("prechatDetails");
        init.putArray("prechatEntities");
        byte[] body = JSON.writeValueAsBytes(init);
        Exchange post = template.request(api + "Chasitor/ChasitorInit", e -> {
            liveAgentHeaders(e, s, "POST");
            e.getMessage().setHeader("X-LIVEAGENT-SEQUENCE", s.sequence.incrementAndGet());
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setBody(body);
        });
        if (post.getException() != null) {
            throw post.getException();
        }
        sessions[idx] = s;
    }

    private void onMessages(Session s, Exchange e) throws Exception {
        Integer code = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code == null || code != 200) {
            return;
        }
        byte[] body = e.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            return;
        }
        for (JsonNode m : JSON.readTree(body).path("messages")) {
            String type = m.path("type").asText();
            if ("ChatMessage".equals(type)) {
                recorder.record(m.path("message").path("text").asText());
            } else if ("ChatEstablished".equals(type) && !s.established) {
                s.established = true;
                established.increment();
            }
        }
    }

    @Override
    public void sendVisitorMessage(int index, String text) {
        Session s = sessions[index];
        visitorPool.execute(() -> {
            try {
                byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("text", text));
                Exchange out = template.request(api + "Chasitor/ChatMessage", e -> {
                    liveAgentHeaders(e, s, "POST");
                    e.getMessage().setHeader("X-LIVEAGENT-SEQUENCE", s.sequence.incrementAndGet());
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setBody(body);
                });
                if (out.getException() != null) {
                    visitorFailures.incrementAndGet();
                }
            } catch (Exception ex) {
                visitorFailures.incrementAndGet();
            }
        });
    }

    @Override
    public int pollsInFlight() {
        return pollsInFlight.get();
    }

    @Override
    public long visitorFailures() {
        return visitorFailures.get();
    }

    @Override
    public void close() throws Exception {
        if (visitorPool != null) {
            visitorPool.shutdownNow();
        }
        if (context != null) {
            context.getShutdownStrategy().setTimeout(5);
            context.stop();
        }
    }
}
