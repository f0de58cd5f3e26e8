package io.github.camelliveagent.component;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ack follows the routes: an event whose exchange failed comes again; one the route handled does not. */
class RedeliveryTest extends LiveAgentTestSupport {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();
    private final ReceivedEvents secondRoute = new ReceivedEvents();
    private final java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).handled(true).process(e -> handled.incrementAndGet());

                from("liveagent:messages?messageTypes=ChatMessage").process(secondRoute);

                from("liveagent:messages")
                        .process(received)
                        .process(e -> {
                            ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                            if (m != null && m.text().startsWith("fail") && failuresLeft.getAndDecrement() > 0) {
                                throw new java.io.IOException("downstream CRM unavailable");
                            }
                            if (m != null && m.text().equals("hold")) {
                                // keeps the next events on the server, so that they come in one reply
                                hold.await(20, java.util.concurrent.TimeUnit.SECONDS);
                            }
                            if (m != null && m.text().equals("poison")) {
                                throw new IllegalStateException("the route handles this one itself");
                            }
                        });
            }
        };
    }

    @Test
    void failedExchangeGetsTheEventAgainAndOrderIsKept() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        failuresLeft.set(2);
        server.agentMessage("before");
        server.agentMessage("fail: CRM down");
        server.agentMessage("after");

        await().until(() -> received.bodies(id, ChatMessage.class).stream().anyMatch(m -> m.text().equals("after")));
        var texts = received.of(id).stream().filter(e -> e.type().equals("ChatMessage")).toList();
        // "fail" is seen three times (two failures, then success) with the same sequence number, and only then "after"
        assertThat(texts).extracting(e -> ((ChatMessage) e.body()).text())
                .containsExactly("before", "fail: CRM down", "fail: CRM down", "fail: CRM down", "after");
        assertThat(texts.get(1).sequence()).isEqualTo(texts.get(2).sequence()).isEqualTo(texts.get(3).sequence());
        assertThat(texts.get(1).redelivered()).isFalse();
        assertThat(texts.get(2).redelivered()).isTrue();
        assertThat(texts.get(3).redelivered()).isTrue();
        // "before" was acknowledged: it is never delivered twice
        assertThat(texts).filteredOn(e -> ((ChatMessage) e.body()).text().equals("before")).hasSize(1);
        // the other route processed "fail" the first time: the redeliveries are only for the route that failed
        await().until(() -> secondRoute.bodies(id, ChatMessage.class).size() >= 3);
        assertThat(secondRoute.bodies(id, ChatMessage.class)).extracting(ChatMessage::text)
                .containsExactly("before", "fail: CRM down", "after");
    }

    @Test
    void eventsFailedInTheReplyThatEndedTheChatComeAgainFromMemory() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        failuresLeft.set(1);
        server.agentMessage("hold");
        await().until(() -> received.bodies(id, ChatMessage.class).stream().anyMatch(m -> m.text().equals("hold")));
        server.agentMessage("fail: last words");
        server.endChat();
        hold.countDown();

        received.await(id, io.github.camelliveagent.component.model.message.ChatEnded.class);
        var lastWords = received.of(id).stream()
                .filter(e -> e.body() instanceof ChatMessage m && m.text().equals("fail: last words")).toList();
        assertThat(lastWords).hasSize(2);
        assertThat(lastWords.get(1).redelivered()).isTrue();
        assertThat(received.types(id)).endsWith("ChatMessage", "ChatMessage", "ChatEnded");
    }

    @Test
    void eventHandledByTheRoutesErrorHandlerIsNotDeliveredAgain() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.agentMessage("poison");
        server.agentMessage("next");
        await().until(() -> received.bodies(id, ChatMessage.class).stream().anyMatch(m -> m.text().equals("next")));
        assertThat(received.bodies(id, ChatMessage.class)).extracting(ChatMessage::text).containsExactly("poison", "next");
        assertThat(handled.get()).isEqualTo(1);
    }
}
