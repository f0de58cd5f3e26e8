package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Camel tests against the emulator over loopback: the liveagent component points at the emulator's URL, with
 * ids of the shape Salesforce uses.
 */
public abstract class LiveAgentTestSupport extends CamelTestSupport {

    static final String ORG_ID = "00D000000000001";
    static final String DEPLOYMENT_ID = "572000000000001";
    static final String BUTTON_ID = "573000000000001";

    static {
        // conditions here are cheap to check: look often, starting at once
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5))
            .build();

    /** What the default {@code liveagent:messages} route received. */
    protected final ReceivedEvents received = new ReceivedEvents();

    /** By default one route records every event; tests that need other routes override this. */
    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
            }
        };
    }

    /** Starts a chat and lets the emulated agent accept it; returns once the route has seen ChatEstablished. */
    protected String activeChat() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        return id;
    }

    protected LiveAgentEmulator emulator() {
        return EMULATOR.emulator();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LiveAgentComponent liveagent = new LiveAgentComponent();
        configure(liveagent);
        context.addComponent("liveagent", liveagent);
        return context;
    }

    protected void configure(LiveAgentComponent liveagent) {
        pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.getConfiguration().setVisitorName("Ada");
        liveagent.getConfiguration().setEstablishTimeout(20_000);
    }

    /** Points a component at an emulator, with ids of the shape Salesforce uses. */
    static void pointAt(LiveAgentComponent liveagent, String baseUrl) {
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setHostname(baseUrl);
        c.setOrganizationId(ORG_ID);
        c.setDeploymentId(DEPLOYMENT_ID);
        c.setButtonId(BUTTON_ID);
    }

    /**
     * A started CamelContext outside CamelTestSupport (for tests that stop and start contexts themselves): the given
     * component as {@code liveagent} and one route recording every event.
     */
    static CamelContext startedContext(LiveAgentComponent liveagent, ReceivedEvents received) throws Exception {
        CamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
            }
        });
        context.start();
        return context;
    }

    /** Starts a chat through the producer and returns its session id. */
    protected String startChat() {
        return LiveAgentChats.startChat(template());
    }

    protected EmulatedSession serverSide(String sessionId) {
        return EMULATOR.serverSide(sessionId);
    }

    /** Sends an operation on a session and fails the test on an exception. */
    protected Exchange send(String operation, String sessionId, Object body) {
        Exchange out = template().request("liveagent:" + operation, e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, sessionId);
            e.getMessage().setBody(body);
        });
        if (out.getException() != null) {
            throw new AssertionError(operation + " failed", out.getException());
        }
        return out;
    }

    /**
     * Hands an operation to the asynchronous producer from the calling thread and returns at once, so that calls made
     * one after another reach the producer in that order (as they would from one route), without waiting for replies.
     */
    protected CompletableFuture<Exchange> sendInOrder(String operation, String sessionId, Object body) {
        AsyncProducer producer = producers.computeIfAbsent(operation, op -> {
            try {
                AsyncProducer p = context().getEndpoint("liveagent:" + op).createAsyncProducer();
                ServiceHelper.startService(p);
                return p;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Exchange exchange = new DefaultExchange(context());
        exchange.getMessage().setHeader(LiveAgentConstants.SESSION_ID, sessionId);
        exchange.getMessage().setBody(body);
        return producer.processAsync(exchange);
    }

    private final Map<String, AsyncProducer> producers = new ConcurrentHashMap<>();

    /** Sends an operation and returns the exception it ended with (null if none). */
    protected Exception sendFailing(String operation, String sessionId, Object body) {
        return template().request("liveagent:" + operation, e -> {
            if (sessionId != null) {
                e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, sessionId);
            }
            e.getMessage().setBody(body);
        }).getException();
    }
}
