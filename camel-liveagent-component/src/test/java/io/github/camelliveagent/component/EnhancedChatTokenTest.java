package io.github.camelliveagent.component;

import java.time.Duration;

import io.github.camelliveagent.component.enhanced.EnhancedChat;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access tokens that expire while a conversation goes on (api=enhancedChat): renewed before they expire, and after a
 * 401, so that the conversation and its stream outlive any one token. The emulator's tokens live 3 seconds; an expired
 * one may still be continued for a minute (its continuationGrace), as a 401 renewal needs.
 */
class EnhancedChatTokenTest extends CamelTestSupport {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .enhancedChat(EnhancedChatSettings.builder().tokenLifetime(Duration.ofSeconds(3))
                    .continuationGrace(Duration.ofMinutes(1)).build())
            .build();

    private final ReceivedEvents received = new ReceivedEvents();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setApi(LiveAgentApi.enhancedChat);
        c.setHostname(EMULATOR.baseUrl());
        c.setOrganizationId(EMULATOR.emulator().enhancedChat().orgId() + "AAA"); // given as 18 characters
        c.setEsDeveloperName(EMULATOR.emulator().enhancedChat().esDeveloperName());
        c.setPollRetryDelay(50);
        context.addComponent("liveagent", liveagent);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
            }
        };
    }

    @AfterEach
    void clearFaults() {
        EMULATOR.emulator().faults().clear();
    }

    private EnhancedChat chat() {
        return context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat();
    }

    private String activeChat() {
        Exchange out = template().request("liveagent:startChat", e -> {
        });
        assertThat(out.getException()).isNull();
        String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        received.await(id, ChatRequestSuccess.class);
        EMULATOR.emulator().awaitConversation(id, Duration.ofSeconds(10)).accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        return id;
    }

    private void say(String id, String text) {
        Exchange out = template().request("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody(text);
        });
        assertThat(out.getException()).isNull();
    }

    @Test
    void renewedBeforeItExpiresTheConversationOutlivesItsTokens() {
        String id = activeChat();
        EnhancedConversation server = EMULATOR.emulator().conversation(id);
        long before = chat().counts().renewals();
        // three token lifetimes, each token renewed at four fifths of its life
        await().atMost(Duration.ofSeconds(20)).until(() -> chat().counts().renewals() >= before + 3);
        say(id, "still here");
        server.agentMessage("so am I");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatMessage.class).size() == 1);
        EnhancedChat.Counts counts = chat().counts();
        System.out.println("tokens: " + counts);
        assertThat(server.transcript().visitorMessages()).containsExactly("still here");
        assertThat(received.bodies(id, ChatMessage.class).get(0).text()).isEqualTo("so am I");
    }

    @Test
    void a401RenewsTheTokenAndTheCallGoesThrough() {
        String id = activeChat();
        EnhancedConversation server = EMULATOR.emulator().conversation(id);
        long unauthorizedBefore = chat().counts().unauthorized();
        server.faults().expire();
        say(id, "after expiry");
        server.agentMessage("answer after expiry");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatMessage.class).size() == 1);
        EnhancedChat.Counts counts = chat().counts();
        System.out.println("tokens: " + counts);
        assertThat(counts.unauthorized()).isGreaterThan(unauthorizedBefore);
        assertThat(server.transcript().visitorMessages()).containsExactly("after expiry");
        assertThat(received.bodies(id, ChatMessage.class).get(0).text()).isEqualTo("answer after expiry");
    }
}
