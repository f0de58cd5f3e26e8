package io.github.camelliveagent.component;

import java.net.ServerSocket;
import java.util.Map;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the Chat API's answers and lost sessions; the statistics count what happened. The check is the
 * consumer's, as Camel's consumers repository reports it ({@code consumer:<routeId>}).
 */
class HealthAndStatisticsTest extends LiveAgentTestSupport {

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

    private HealthCheck.Result readiness() {
        return HealthCheckHelper.invokeReadiness(context()).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:events")).findFirst().orElseThrow();
    }

    private LiveAgentComponent component() {
        return context().getComponent("liveagent", LiveAgentComponent.class);
    }

    @Test
    void readyBeforeTheFirstCallAndWithSessionCountsOnceTheApiAnswered() {
        // a readiness probe that waited for the first chat would keep the first chat away
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(readiness().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("No call made"));

        String id = startChat();
        received.await(id, ChatRequestSuccess.class);
        HealthCheck.Result ready = readiness();
        assertThat(ready.getState()).isEqualTo(HealthCheck.State.UP);
        Map<String, Object> details = ready.getDetails();
        assertThat(details.get("liveagent.sessions.QUEUED")).isEqualTo(1L);
        assertThat(details.get("liveagent.component")).isEqualTo("liveagent");
    }

    @Test
    void lostSessionsMakeItUnreadyAndAreCounted() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        server.agentMessage("hello");
        received.await(id, ChatMessage.class);

        server.faults().expire();
        received.await(id, ChatEnded.class);
        await().until(() -> component().getStatistics().sessionsLost() == 1);
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(readiness().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("being lost"));

        // the next answer from the server makes it ready again
        startChat();
        await().until(() -> readiness().getState() == HealthCheck.State.UP);

        // the same figures as Micrometer meters, since a MeterRegistry is bound
        assertThat(meters.get("liveagent.sessions.lost").functionCounter().count()).isEqualTo(1.0);
        assertThat(meters.get("liveagent.sessions").tag("state", "ENDED").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("liveagent.events.delivered").functionCounter().count()).isGreaterThanOrEqualTo(4.0);
        assertThat(meters.get("liveagent.poll.roundtrip.mean").gauge().value()).isPositive();

        var stats = component().getStatistics();
        assertThat(stats.sessionsOpened()).isEqualTo(2);
        assertThat(stats.eventsDelivered()).isGreaterThanOrEqualTo(4);
        assertThat(stats.polls()).isPositive();
        assertThat(stats.meanPollMillis()).isPositive();
    }

    @Test
    void unreachableApiMakesItUnready() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Exchange out = template().request("liveagent:startChat?hostname=http://127.0.0.1:" + closedPort, e -> {
        });
        assertThat(out.getException()).isInstanceOf(LiveAgentException.class).hasMessageContaining("could not reach");
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(component().getStatistics().callFailures()).isEqualTo(1);
    }
}
