package io.github.camelliveagent.component;

import java.time.Duration;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.SessionStatusChanged;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that sends no session status events (their delivery to custom clients is unconfirmed, miaw-api.md §12):
 * the agent's end is still a ChatEnded, read from the conversation's routing status when the agent leaves, and a
 * transfer is not taken for an end.
 */
class EnhancedChatWithoutSessionStatusTest extends CamelTestSupport {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .enhancedChat(EnhancedChatSettings.builder().sessionStatusEvents(false).build())
            .build();

    private final ReceivedEvents received = new ReceivedEvents();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setApi(LiveAgentApi.enhancedChat);
        c.setHostname(EMULATOR.baseUrl());
        c.setOrganizationId(EMULATOR.emulator().enhancedChat().orgId());
        c.setEsDeveloperName(EMULATOR.emulator().enhancedChat().esDeveloperName());
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

    @Test
    void theAgentsEndIsReadFromTheRoutingStatus() {
        Exchange out = template().request("liveagent:startChat", e -> {
        });
        String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        EnhancedConversation server = EMULATOR.emulator().awaitConversation(id, Duration.ofSeconds(10));
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        server.transfer("Agent Brown");
        received.await(id, ChatTransferred.class);
        server.agentMessage("Brown here");
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.bodies(id, ChatMessage.class).isEmpty());
        assertThat(received.bodies(id, ChatEnded.class)).as("a transfer is no end").isEmpty();

        server.endChat();
        assertThat(received.await(id, ChatEnded.class).reason()).isEqualTo("agent");
        System.out.println("conversation " + id + ": " + received.types(id));
        assertThat(received.bodies(id, SessionStatusChanged.class)).isEmpty();
        assertThat(received.bodies(id, ChatEnded.class)).hasSize(1);
        assertThat(received.types(id)).containsSubsequence("ChatEstablished", "ChatTransferred", "ChatMessage", "ChatEnded");
    }

    @Test
    void theVisitorsEndSessionIsAnEndByTheVisitor() {
        Exchange out = template().request("liveagent:startChat", e -> {
        });
        String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        EnhancedConversation server = EMULATOR.emulator().awaitConversation(id, Duration.ofSeconds(10));
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        Exchange ended = template().request("liveagent:endSession",
                e -> e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id));
        assertThat(ended.getException()).isNull();
        assertThat(received.await(id, ChatEnded.class).reason()).isEqualTo("client");
        assertThat(server.closed()).isFalse();
    }
}
