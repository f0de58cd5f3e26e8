package io.github.camelliveagent.kamelets;

import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LiveAgentKameletsTest} with the component on Enhanced Chat ({@code api=enhancedChat}): the same Kamelets and
 * YAML routes, unchanged, carry a visitor line to a conversation and the agent's echo back out as JSON.
 */
class EnhancedChatKameletsTest extends CamelTestSupport {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).agent(AgentBehaviours.echoReplies()).build();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("liveagent.hostname", EMULATOR.baseUrl());
        return p;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LiveAgentComponent liveagent = new LiveAgentComponent();
        liveagent.getConfiguration().setApi(io.github.camelliveagent.component.LiveAgentApi.enhancedChat);
        liveagent.getConfiguration().setOrganizationId(EMULATOR.emulator().enhancedChat().orgId());
        liveagent.getConfiguration().setEsDeveloperName(EMULATOR.emulator().enhancedChat().esDeveloperName());
        context.addComponent("liveagent", liveagent);
        return context;
    }

    @Test
    void theSameKameletsCarryAConversationOverEnhancedChat() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/kamelet-routes.yaml"));
        assertThat(context.getRoute("chat-events")).as("YAML route with the events source").isNotNull();

        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);

        // a chat, started on the component both Kamelets use
        Exchange started = template.request("liveagent:startChat?hostname=" + EMULATOR.baseUrl(), e -> { });
        assertThat(started.getException()).isNull();
        String sessionId = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        // the agent joins before the visitor writes: the echo answers only an agent who has joined (Enhanced Chat,
        // unlike Live Agent, takes a visitor's message while the conversation still waits for one)
        EMULATOR.serverSide(sessionId).accept("Agent Smith");

        template.sendBodyAndHeader("direct:visitor-says", "Hello via a Kamelet", LiveAgentConstants.SESSION_ID, sessionId);

        events.assertIsSatisfied(20_000);
        Exchange event = events.getExchanges().get(0);
        String body = event.getMessage().getBody(String.class);  // read once: the marshalled body may be a stream
        System.out.println("Enhanced Chat: events received by the source's sink: " + events.getReceivedCounter() + ", body " + body);
        assertThat(event.getMessage().getHeader(LiveAgentConstants.SESSION_ID)).isEqualTo(sessionId);
        assertThat(event.getMessage().getHeader(LiveAgentConstants.MESSAGE_TYPE)).isEqualTo("ChatMessage");
        assertThat(event.getMessage().getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.path("name").asText()).isEqualTo("Agent Smith");
        assertThat(json.path("text").asText()).isEqualTo("echo: Hello via a Kamelet");

        // the visitor's line reached the agent's side of the chat through the sink
        assertThat(EMULATOR.serverSide(sessionId).transcript().visitorMessages())
                .containsExactly("Hello via a Kamelet");
    }
}
