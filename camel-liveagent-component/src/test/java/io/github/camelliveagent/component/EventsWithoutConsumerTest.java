package io.github.camelliveagent.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.session.store.FileSessionStore;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events that arrive while no {@code liveagent:messages} consumer runs (issue 9, defect 4) are processed by nobody:
 * they must not be acknowledged, but reach the routes once a consumer runs again, in order.
 */
class EventsWithoutConsumerTest extends LiveAgentTestSupport {

    private static final String SECRET = "a-long-random-secret-from-the-vault";

    @TempDir
    Path dir;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(received);
            }
        };
    }

    private static List<String> texts(ReceivedEvents events, String id) {
        return events.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    /** The agent writes; returns once the component has fetched what the agent wrote (a later poll was started). */
    private static void agentWritesAndTheComponentFetches(EmulatedSession server, String... texts) {
        int polls = server.pollCount();
        for (String text : texts) {
            server.agentMessage(text);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.pollCount() > polls);
    }

    @Test
    void eventsArrivingWhileTheRouteIsStoppedReachItWhenItStartsAgain() throws Exception {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.agentMessage("before the stop");
        await().until(() -> texts(received, id).contains("before the stop"));

        context().getRouteController().stopRoute("events");
        agentWritesAndTheComponentFetches(server, "while stopped 1", "while stopped 2", "while stopped 3");
        context().getRouteController().startRoute("events");

        boolean arrived;
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> texts(received, id).size() >= 4);
            arrived = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            arrived = false;
        }
        System.out.printf("no consumer: agent messages received %s (all arrived: %s)%n", texts(received, id), arrived);
        assertThat(texts(received, id))
                .containsExactly("before the stop", "while stopped 1", "while stopped 2", "while stopped 3");
    }

    private CamelContext start(ReceivedEvents events) throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.setSessionStore(new FileSessionStore(dir, SECRET));
        CamelContext context = new DefaultCamelContext();
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(events);
            }
        });
        context.start();
        return context;
    }

    /**
     * A graceful stop of the application and a start on the same file store: whatever the agent wrote while the route
     * was stopped, during the stop or while the application was down reaches the routes, each once, in order.
     */
    @Test
    void aGracefulRestartOnAFileStoreLosesNothingTheRoutesHadNotReceived() throws Exception {
        ReceivedEvents before = new ReceivedEvents();
        CamelContext first = start(before);
        String id = LiveAgentChats.startChat(first.createProducerTemplate());
        EmulatedSession server = EMULATOR.serverSide(id);
        before.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        before.await(id, ChatEstablished.class);
        server.agentMessage("agent 1");
        await().until(() -> texts(before, id).contains("agent 1"));

        // the route stops first (as it does in a graceful shutdown), the component runs on for a while
        first.getRouteController().stopRoute("events");
        agentWritesAndTheComponentFetches(server, "agent 2", "agent 3");
        first.stop();
        server.agentMessage("agent 4");

        ReceivedEvents after = new ReceivedEvents();
        CamelContext second = start(after);
        try {
            server.agentMessage("agent 5");
            boolean arrived;
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> texts(after, id).contains("agent 5"));
                arrived = true;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                arrived = false;
            }
            List<String> all = new ArrayList<>(texts(before, id));
            all.addAll(texts(after, id));
            System.out.printf("restart: before %s, after %s (agent 5 arrived: %s)%n", texts(before, id),
                    texts(after, id), arrived);
            assertThat(all).containsExactly("agent 1", "agent 2", "agent 3", "agent 4", "agent 5");
            assertThat(server.conflictCount()).isZero();
        } finally {
            second.stop();
        }
    }
}
