package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat activity sent before the agent accepted the chat must wait for ChatEstablished (the server answers 500
 * otherwise) and then leave in the order it was sent.
 */
class EstablishmentOrderTest extends LiveAgentTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
                from("direct:short-wait").to("liveagent:chatMessage?establishTimeout=300ms");
            }
        };
    }

    @Test
    void chatActivityBeforeEstablishmentArrivesAfterItInOrder() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);

        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String text = "early " + i;
            sends.add(sendInOrder("chatMessage", id, text));
        }
        sends.add(sendInOrder("chasitorTyping", id, null));

        // nothing reaches the server while the chat waits for an agent
        assertThat(sends).noneMatch(CompletableFuture::isDone);
        assertThat(server.transcript().visitorPosts()).extracting(p -> p.type()).containsExactly("ChasitorInit");

        server.accept("Agent Smith");
        sends.forEach(f -> assertThat(f.join().getException()).isNull());

        assertThat(server.transcript().visitorMessages()).containsExactly("early 1", "early 2", "early 3", "early 4", "early 5");
        assertThat(server.transcript().visitorPosts()).extracting(p -> p.type())
                .containsExactly("ChasitorInit", "ChatMessage", "ChatMessage", "ChatMessage", "ChatMessage", "ChatMessage",
                        "ChasitorTyping");
        // every accepted POST came after ChatEstablished: none was answered 500 (the producer would have failed)
        assertThat(server.transcript().visitorPosts()).extracting(p -> p.sequence())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void chatActivityFailsClearlyWhenNoAgentAcceptsInTime() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);

        Exchange out = template().request("direct:short-wait", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody("hello?");
        });
        assertThat(out.getException()).isInstanceOf(LiveAgentException.class)
                .hasMessageContaining("establishTimeout").hasMessageContaining(id).hasMessageContaining("QUEUED");
        assertThat(server.transcript().visitorMessages()).isEmpty();

        // the session is still usable once an agent accepts
        server.accept("Agent Smith");
        send("chatMessage", id, "now it works");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.transcript().visitorMessages().contains("now it works"));
    }
}
