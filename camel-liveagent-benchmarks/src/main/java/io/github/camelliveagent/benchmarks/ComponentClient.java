package io.github.camelliveagent.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import java.util.HashMap;
import java.util.Map;

import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConfiguration;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.ChatMessage;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The component under test: {@code liveagent:startChat} opens the chats, {@code liveagent:chatMessage} sends the
 * visitor's lines, and {@code from("liveagent:messages?messageTypes=ChatMessage")} is the route the agent's
 * messages arrive in.
 */
final class ComponentClient implements LoadClient {

    private CamelContext context;
    private LiveAgentComponent liveagent;
    private AsyncProducer startChat;
    private AsyncProducer chatMessage;
    private String[] ids;
    private static final String COMPONENT_OPTION = "bench.component.";
    private final LongAdder established = new LongAdder();
    private final AtomicLong visitorFailures = new AtomicLong();

    @Override
    public CamelContext start(String baseUrl, int sessions, Recorder recorder) throws Exception {
        context = new DefaultCamelContext();
        liveagent = new LiveAgentComponent();
        liveagent.setMaxConnections(sessions + 100);
        // component options given to the client JVM as -Dbench.component.<option>=<value> (e.g. minPollInterval)
        Map<String, Object> options = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(COMPONENT_OPTION)) {
                options.put(k.toString().substring(COMPONENT_OPTION.length()), v);
            }
        });
        if (!options.isEmpty()) {
            PropertyBindingSupport.build().withMandatory(true).bind(context, liveagent, options);
            System.err.println("component options: " + System.getProperties().entrySet().stream()
                    .filter(e -> e.getKey().toString().startsWith(COMPONENT_OPTION)).map(Object::toString).toList());
        }
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setHostname(baseUrl);
        c.setOrganizationId("00D000000000001");
        c.setDeploymentId("572000000000001");
        c.setButtonId("573000000000001");
        c.setVisitorName("Load Visitor");
        c.setRequestTimeout(120_000);
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages?messageTypes=ChatMessage").routeId("agent-messages")
                        .process(e -> recorder.record(e.getMessage().getBody(ChatMessage.class).text()));
                from("liveagent:messages?messageTypes=ChatEstablished").routeId("established")
                        .process(e -> established.increment());
            }
        });
        context.start();
        startChat = context.getEndpoint("liveagent:startChat").createAsyncProducer();
        chatMessage = context.getEndpoint("liveagent:chatMessage").createAsyncProducer();
        startChat.start();
        chatMessage.start();
        ids = new String[sessions];
        return context;
    }

    @Override
    public void openSessions(int sessions, long timeoutMs) throws Exception {
        Semaphore window = new Semaphore(256);
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < sessions; i++) {
            window.acquire();
            int n = i;
            Exchange e = new DefaultExchange(context);
            startChat.processAsync(e).whenComplete((x, err) -> {
                if (x.getException() != null || err != null) {
                    failures.incrementAndGet();
                } else {
                    ids[n] = x.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
                }
                window.release();
            });
        }
        window.acquire(256);
        window.release(256);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " startChat calls failed");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (established.sum() < sessions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + established.sum() + " of " + sessions + " chats established");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void sendVisitorMessage(int index, String text) {
        Exchange e = new DefaultExchange(context);
        e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, ids[index]);
        e.getMessage().setBody(text);
        chatMessage.processAsync(e).whenComplete((x, err) -> {
            if (err != null || x.getException() != null) {
                visitorFailures.incrementAndGet();
            }
        });
    }

    @Override
    public int pollsInFlight() {
        return liveagent.pollsInFlight();
    }

    /** Messages polls answered, from the component's statistics: with the messages, how many events a round trip carried. */
    @Override
    public long pollRoundTrips() {
        return liveagent.getStatistics().polls();
    }

    @Override
    public long pollFailures() {
        return liveagent.getStatistics().callFailures();
    }

    @Override
    public long visitorFailures() {
        return visitorFailures.get();
    }

    @Override
    public void close() throws Exception {
        if (context != null) {
            context.getShutdownStrategy().setTimeout(5);
            context.stop();
        }
    }
}
