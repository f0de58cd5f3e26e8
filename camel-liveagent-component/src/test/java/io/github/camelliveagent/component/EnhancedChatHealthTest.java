package io.github.camelliveagent.component;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With api=enhancedChat the component's statistics, health check and meters see the conversations as they see Live
 * Agent sessions (opened, lost, events delivered, calls answered or failed), plus what only Enhanced Chat has (tokens,
 * 401 and 429 answers, streams open and reopened); readiness goes DOWN by the same rules, and while the token endpoint
 * refuses guest tokens.
 */
class EnhancedChatHealthTest extends EnhancedChatTestSupport {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", meters);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(received);
            }
        };
    }

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    private HealthCheck.Result readiness() {
        return HealthCheckHelper.invokeReadiness(context()).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:events")).findFirst().orElseThrow();
    }

    private LiveAgentStatistics stats() {
        return context().getComponent("liveagent", LiveAgentComponent.class).getStatistics();
    }

    @Test
    void aConversationsFiguresReachTheStatisticsTheHealthDetailsAndTheMeters() {
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        server.faults().failNextPost(429);
        send("chatMessage", id, "throttled once, then sent");
        server.faults().dropStream();
        server.agentMessage("after the drop");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatMessage.class).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> stats().openStreams() == 1);

        HealthCheck.Result ready = readiness();
        Map<String, Object> details = ready.getDetails();
        System.out.println("statistics: " + stats());
        System.out.println("health: " + ready.getState() + " " + details);
        assertThat(ready.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(stats().sessionsOpened()).isEqualTo(1);
        assertThat(stats().tokensIssued()).isEqualTo(1);
        assertThat(stats().throttledAnswers()).isEqualTo(1);
        assertThat(stats().streamReconnects()).isGreaterThanOrEqualTo(1);
        assertThat(stats().eventsDelivered()).isGreaterThanOrEqualTo(3); // routed, established, the message
        assertThat(stats().toString()).contains("Enhanced Chat: tokens issued 1");
        assertThat(details).containsEntry("liveagent.sessions.ACTIVE", 1L)
                .containsEntry("liveagent.enhanced.streams.open", 1L)
                .containsEntry("liveagent.enhanced.calls.throttled", 1L)
                .containsEntry("liveagent.enhanced.tokens.issued", 1L);
        assertThat(meters.get("liveagent.streams.open").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("liveagent.calls.throttled").functionCounter().count()).isEqualTo(1.0);
        assertThat(meters.get("liveagent.sessions.opened").functionCounter().count()).isEqualTo(1.0);
        assertThat(meters.get("liveagent.streams.reconnects").functionCounter().count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aTokenEndpointThatRefusesGuestTokensMakesItUnreadyUntilOneIsIssued() {
        Exception refused = template().request("liveagent:startChat?esDeveloperName=No_Such_Deployment", e -> {
        }).getException();
        HealthCheck.Result down = readiness();
        System.out.println("token refused: " + refused.getMessage() + "; health " + down.getState() + " "
                           + down.getMessage().orElse(""));
        assertThat(refused).isInstanceOf(LiveAgentException.class);
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("token endpoint").contains("HTTP 400")
                .contains("esDeveloperName"));

        startChat(); // the configured deployment: a token is issued, chats can start again
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void aLostConversationMakesItUnreadyAndIsCounted() {
        String id = activeChat();
        // every token expires and none may be continued: the stream's 401 cannot be repaired, the conversation is lost
        conversation(id).faults().expire();
        assertThat(received.await(id, ChatEnded.class).reason()).isEqualTo("sessionInvalid");
        await().atMost(Duration.ofSeconds(10)).until(() -> stats().sessionsLost() == 1);
        HealthCheck.Result down = readiness();
        System.out.println("lost: " + stats() + "; health " + down.getState() + " " + down.getMessage().orElse(""));
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("being lost"));
        assertThat(stats().unauthorizedAnswers()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("liveagent.sessions.lost").functionCounter().count()).isEqualTo(1.0);

        startChat(); // the next answer from the server makes it ready again
        await().until(() -> readiness().getState() == HealthCheck.State.UP);
    }

    @Test
    void anUnreachableServerMakesItUnready() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Exchange out = template().request("liveagent:startChat?hostname=http://127.0.0.1:" + closedPort, e -> {
        });
        System.out.println("unreachable: " + stats());
        assertThat(out.getException()).isNotNull();
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(stats().callFailures()).isEqualTo(1);
    }
}
