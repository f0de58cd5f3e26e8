package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.poll.Poller;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 403 seen first on a POST (issue 9, defect 5) means the session is gone, as a 403 on a poll does: the routes get
 * the final ChatEnded, the consumers' exception handler is told, and the session counts as lost.
 */
class RefusedPostTest extends LiveAgentTestSupport {

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(received);
            }
        };
    }

    @BeforeEach
    void recordReportedExceptions() {
        LiveAgentConsumer consumer = (LiveAgentConsumer) context().getRoute("events").getConsumer();
        consumer.setExceptionHandler(new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                reported.add(exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                reported.add(exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                reported.add(exception);
            }
        });
    }

    /** An active chat whose next POST is answered 403; returns its id once that POST has failed. */
    private String chatWhosePostIsRefused() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().failNextPost(403);
        Exception failed = sendFailing("chatMessage", id, "refused");
        assertThat(failed).isInstanceOf(LiveAgentException.class);
        assertThat(((LiveAgentException) failed).getStatusCode()).isEqualTo(403);
        return id;
    }

    private static boolean within(Duration limit, org.awaitility.core.ThrowingRunnable check) {
        try {
            await().atMost(limit).untilAsserted(check);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    @Test
    void theRoutesReceiveAFinalChatEndedWithReasonSessionInvalid() {
        String id = chatWhosePostIsRefused();
        boolean told = within(Duration.ofSeconds(10),
                () -> assertThat(received.bodies(id, ChatEnded.class)).isNotEmpty());
        System.out.printf("403 on a POST: events %s, ChatEnded received: %s%n", received.types(id), told);
        assertThat(received.bodies(id, ChatEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Poller.SESSION_INVALID));
        assertThat(received.types(id)).last().isEqualTo("ChatEnded");
    }

    @Test
    void theConsumersExceptionHandlerIsTold() {
        String id = chatWhosePostIsRefused();
        within(Duration.ofSeconds(10), () -> assertThat(reported).isNotEmpty());
        System.out.printf("403 on a POST: exceptions reported to the consumer: %s%n", reported);
        assertThat(reported).singleElement().isInstanceOf(LiveAgentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(id));
    }

    @Test
    void theSessionCountsAsLost() {
        chatWhosePostIsRefused();
        LiveAgentComponent liveagent = context().getComponent("liveagent", LiveAgentComponent.class);
        within(Duration.ofSeconds(10), () -> assertThat(liveagent.getStatistics().sessionsLost()).isPositive());
        System.out.printf("403 on a POST: sessions lost %d%n", liveagent.getStatistics().sessionsLost());
        assertThat(liveagent.getStatistics().sessionsLost()).isEqualTo(1);
    }
}
