package io.github.camelliveagent.examples.transcript;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.examples.ExamplesTestSupport;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TranscriptRouteTest extends ExamplesTestSupport {

    private final AtomicBoolean failNextAgentMessage = new AtomicBoolean();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] { new TranscriptRoute(), new RouteBuilder() {
            @Override
            public void configure() {
                // another route on the same events, started after the transcript route: an event it has seen has
                // reached the transcript route first; and it can fail once, so that the event comes again
                from("liveagent:messages")
                        .process(e -> {
                            if (e.getMessage().getBody() instanceof ChatMessage && failNextAgentMessage.getAndSet(false)) {
                                throw new IllegalStateException("downstream system down, once");
                            }
                        })
                        .to("mock:events");
            }
        } };
    }

    @Test
    void theWholeTranscriptIsWrittenWhenTheChatEnds() {
        String id = startChat();
        EmulatedSession agent = serverSide(id);
        agent.accept(AGENT);
        awaitEvents(2);                                       // ChatRequestSuccess, ChatEstablished

        visitorSays(id, "Hi, my parcel is late");
        agent.agentMessage("Let me check that for you.");
        awaitEvents(3);
        visitorSays(id, "Thank you");
        agent.agentMessage("It arrives today. Goodbye!");
        agent.endChat();

        List<Map<String, Object>> chat = awaitRows("select * from chat_transcript where session_id = ?", id);
        assertThat(chat).hasSize(1);
        assertThat(chat.get(0)).containsEntry("VISITOR_NAME", "Ada")
                .containsEntry("AGENT_NAME", AGENT)
                .containsEntry("END_REASON", "agent");
        Timestamp started = (Timestamp) chat.get(0).get("STARTED_AT");
        Timestamp ended = (Timestamp) chat.get(0).get("ENDED_AT");
        assertThat(started).isNotNull().isBeforeOrEqualTo(ended);

        List<Map<String, Object>> lines = rows(
                "select * from chat_transcript_line where session_id = ? order by line_no", id);
        assertThat(lines).extracting(l -> l.get("SPEAKER") + "|" + l.get("SPEAKER_NAME") + "|" + l.get("MESSAGE"))
                .containsExactly(
                        "visitor|Ada|Hi, my parcel is late",
                        "agent|Agent Smith|Let me check that for you.",
                        "visitor|Ada|Thank you",
                        "agent|Agent Smith|It arrives today. Goodbye!");
        assertThat(lines).extracting(l -> (Timestamp) l.get("SAID_AT")).isSorted()
                .allSatisfy(t -> assertThat(t).isBetween(started, ended));
    }

    @Test
    void aChatNoAgentTookIsRecordedWithTheReason() {
        emulator().setAvailable("573000000000001", false);
        String id = startChat();

        List<Map<String, Object>> chat = awaitRows("select * from chat_transcript where session_id = ?", id);
        assertThat(chat.get(0)).containsEntry("END_REASON", "requestFailed: Unavailable").containsEntry("AGENT_NAME", null);
        assertThat(rows("select * from chat_transcript_line where session_id = ?", id)).isEmpty();
    }

    @Test
    void anEventDeliveredAgainBecauseAnotherRouteFailedIsRecordedOnce() {
        String id = startChat();
        EmulatedSession agent = serverSide(id);
        agent.accept(AGENT);
        failNextAgentMessage.set(true);
        agent.agentMessage("only once, please");
        // the other route failed on it once and got it again; only then does the chat end
        await().until(() -> getMockEndpoint("mock:events").getReceivedExchanges().stream()
                .anyMatch(e -> e.getMessage().getBody() instanceof ChatMessage));
        agent.endChat();

        awaitRows("select * from chat_transcript where session_id = ?", id);
        MockEndpoint events = getMockEndpoint("mock:events");
        assertThat(events.getReceivedExchanges()).filteredOn(e -> e.getMessage().getBody() instanceof ChatMessage)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage().getHeader(LiveAgentConstants.REDELIVERED)).isEqualTo(true));
        assertThat(rows("select message from chat_transcript_line where session_id = ?", id))
                .extracting(r -> r.get("MESSAGE")).containsExactly("only once, please");
    }

    /** What the route talking to Live Agent as the visitor does for each line it sends. */
    private void visitorSays(String sessionId, String text) {
        template().sendBodyAndHeaders(TranscriptRoute.VISITOR_LINES, text,
                Map.of(LiveAgentConstants.SESSION_ID, sessionId, "visitorName", "Ada"));
    }

    /** Waits until the other route, and so the transcript route before it, has seen this many events. */
    private void awaitEvents(int count) {
        await().until(() -> getMockEndpoint("mock:events").getReceivedCounter() >= count);
    }

    private List<Map<String, Object>> awaitRows(String sql, Object... args) {
        return await().until(() -> rows(sql, args), r -> !r.isEmpty());
    }
}
