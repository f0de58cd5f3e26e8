package io.github.camelliveagent.component;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two liveagent components in one CamelContext, one reaching the Chat API and one not: their health checks and meters
 * keep apart (ids and the {@code component} tag carry the name each is registered under).
 */
class TwoComponentsTest {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReceivedEvents received = new ReceivedEvents();
    private final ReceivedEvents receivedElsewhere = new ReceivedEvents();
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void healthChecksAndMetersOfTwoComponentsStayApart() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LiveAgentComponent reachable = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(reachable, EMULATOR.baseUrl());
        LiveAgentComponent unreachable = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(unreachable, "http://127.0.0.1:" + closedPort);

        context = new DefaultCamelContext();
        context.getRegistry().bind("meters", meters);
        context.addComponent("liveagent", reachable);
        context.addComponent("liveagent-eu", unreachable);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(received);
                from("liveagent-eu:messages").routeId("events-eu").process(receivedElsewhere);
            }
        });
        context.start();
        // producer checks are off in Camel unless asked for (camel.health.producersEnabled=true)
        HealthCheckHelper.getHealthCheckRepository(context, "producers", HealthCheckRepository.class).setEnabled(true);
        // every result, not only the DOWN ones
        HealthCheckRegistry.get(context).setExposureLevel("full");

        Exchange ok = context.createProducerTemplate().request("liveagent:startChat", e -> {
        });
        assertThat(ok.getException()).isNull();
        String id = ok.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        received.await(id, ChatRequestSuccess.class);
        Exchange failed = context.createProducerTemplate().request("liveagent-eu:startChat", e -> {
        });
        assertThat(failed.getException()).isInstanceOf(LiveAgentException.class);

        Map<String, HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context).stream()
                .collect(Collectors.toMap(r -> r.getCheck().getId(), r -> r));
        System.out.println("readiness checks: " + results.keySet());
        assertThat(results.get("consumer:events").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(results.get("consumer:events").getDetails()).containsEntry("liveagent.component", "liveagent");
        assertThat(results.get("consumer:events-eu").getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(results.get("consumer:events-eu").getDetails()).containsEntry("liveagent.component", "liveagent-eu");
        assertThat(results.get("producer:liveagent").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(results.get("producer:liveagent-eu").getState()).isEqualTo(HealthCheck.State.DOWN);

        await().until(() -> meters.get("liveagent.sessions").tag("component", "liveagent").tag("state", "QUEUED")
                .gauge().value() == 1.0);
        double openedHere = meters.get("liveagent.sessions.opened").tag("component", "liveagent").functionCounter().count();
        double openedThere = meters.get("liveagent.sessions.opened").tag("component", "liveagent-eu").functionCounter()
                .count();
        double failedHere = meters.get("liveagent.calls.failed").tag("component", "liveagent").functionCounter().count();
        double failedThere = meters.get("liveagent.calls.failed").tag("component", "liveagent-eu").functionCounter()
                .count();
        System.out.printf("sessions opened: liveagent %.0f, liveagent-eu %.0f; calls failed: %.0f, %.0f%n",
                openedHere, openedThere, failedHere, failedThere);
        assertThat(openedHere).isEqualTo(1.0);
        assertThat(openedThere).isEqualTo(0.0);
        assertThat(failedHere).isEqualTo(0.0);
        assertThat(failedThere).isEqualTo(1.0);
    }

    @Test
    void healthChecksCanBeSwitchedOffPerComponent() throws Exception {
        LiveAgentComponent quiet = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(quiet, EMULATOR.baseUrl());
        quiet.setHealthCheckConsumerEnabled(false);
        context = new DefaultCamelContext();
        context.addComponent("liveagent", quiet);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(received);
            }
        });
        context.start();

        HealthCheck consumerCheck = ((org.apache.camel.health.HealthCheckAware) context.getRoute("events").getConsumer())
                .getHealthCheck();
        assertThat(consumerCheck.getId()).isEqualTo("liveagent-consumer-events");
        assertThat(consumerCheck.isEnabled()).isFalse();
    }
}
