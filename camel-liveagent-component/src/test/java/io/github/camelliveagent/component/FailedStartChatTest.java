package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A startChat whose ChasitorInit the server refused (issue 9, defect 6) leaves nothing behind: no session in the
 * component, no poll on the server; with redelivery, every attempt cleans up after itself.
 */
class FailedStartChatTest extends LiveAgentTestSupport {

    private static final int REDELIVERIES = 3;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
                from("direct:handoff")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(REDELIVERIES).redeliveryDelay(10)
                                .onRedelivery(e -> emulator().faults().failNextPost(500)))
                        .to("liveagent:startChat");
            }
        };
    }

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    private void assertNothingLeftBehind(List<EmulatedSession> created) {
        LiveAgentComponent liveagent = context().getComponent("liveagent", LiveAgentComponent.class);
        boolean cleaned;
        try {
            // each one either ended on the server (DELETE) or is no longer polled, and stays so for a while
            await().atMost(Duration.ofSeconds(15)).until(() -> created.stream().allMatch(s -> s.ended() || !s.pollInFlight())
                                                               && liveagent.pollsInFlight() == 0);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> created.stream().allMatch(s -> s.ended() || !s.pollInFlight()));
            cleaned = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            cleaned = false;
        }
        System.out.printf("failed startChat: %d sessions created on the server, states %s, polled now %d; component"
                          + " holds %d, polls in flight %d, per-session entries %s (cleaned up: %s)%n",
                created.size(), created.stream().map(s -> s.state().name()).collect(Collectors.toList()),
                created.stream().filter(EmulatedSession::pollInFlight).count(), liveagent.sessionCount(),
                liveagent.pollsInFlight(), liveagent.perSessionEntries(), cleaned);
        assertThat(created).allSatisfy(s -> assertThat(s.ended() || !s.pollInFlight())
                .as("session %s ended on the server or no longer polled", s.id()).isTrue());
        assertThat(liveagent.pollsInFlight()).isZero();
        assertThat(liveagent.sessionCount()).as("sessions the component holds").isZero();
    }

    private List<EmulatedSession> sessionsSince(int before) {
        List<EmulatedSession> all = List.copyOf(emulator().sessions());
        return all.subList(before, all.size());
    }

    @Test
    void aRefusedChasitorInitLeavesNoSessionAndNoPoll() {
        int before = emulator().sessions().size();
        emulator().faults().failNextPost(500);
        Exception failed = sendFailing("startChat", null, null);
        assertThat(failed).isInstanceOf(LiveAgentException.class);
        List<EmulatedSession> created = sessionsSince(before);
        assertThat(created).hasSize(1);
        assertNothingLeftBehind(created);
    }

    @Test
    void everyRedeliveredAttemptCleansUpAfterItself() {
        int before = emulator().sessions().size();
        emulator().faults().failNextPost(500);
        Exchange out = template().request("direct:handoff", e -> {
        });
        assertThat(out.getException()).isInstanceOf(LiveAgentException.class);
        List<EmulatedSession> created = sessionsSince(before);
        assertThat(created).hasSize(REDELIVERIES + 1);
        assertNothingLeftBehind(created);
    }
}
