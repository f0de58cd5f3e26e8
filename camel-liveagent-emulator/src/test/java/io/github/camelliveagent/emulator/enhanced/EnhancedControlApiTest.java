package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP control API plays the agent and injects faults in conversations as it does in Live Agent sessions. */
class EnhancedControlApiTest extends EnhancedChatTestBase {

    private Reply control(String path, String body) {
        return new RestClient(emu.baseUrl()).send(body == null && path.startsWith("GET ") ? "GET" : "POST",
                "/emulator" + path.replaceFirst("^GET ", ""), body);
    }

    @Test
    void conversationsAreListedWithTheirApiAndRoutingStatus() {
        EnhancedClient c = client();
        String id = created(c);

        Reply list = control("GET /sessions", null);

        assertThat(list.status()).isEqualTo(200);
        var mine = java.util.stream.StreamSupport.stream(list.json().spliterator(), false)
                .filter(n -> n.path("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(mine.path("api").asText()).isEqualTo("enhancedChat");
        assertThat(mine.path("state").asText()).isEqualTo("QUEUED");
        assertThat(mine.path("routingStatus").asText()).isEqualTo("NEEDS_ROUTING");
        assertThat(list.body()).doesNotContain(c.token);
    }

    @Test
    void playTheAgentOverHttp() {
        EnhancedClient c = client();
        String id = created(c);
        String base = "/sessions/" + id + "/";
        try (SseStream s = c.stream()) {
            assertThat(control(base + "queue-update", "{\"position\":2}").status()).isEqualTo(200);
            assertThat(control(base + "accept", "{\"agentName\":\"Ann\"}").status()).isEqualTo(200);
            control(base + "typing", null);
            control(base + "message", "{\"text\":\"hi from http\"}");
            control(base + "not-typing", null);
            c.message(id, "thanks");
            assertThat(control(base + "receipt", "{\"type\":\"Read\"}").status()).isEqualTo(200);
            control(base + "transfer", "{\"agentName\":\"Bob\"}");
            control(base + "emit", "{\"type\":\"CONVERSATION_PROGRESS_INDICATOR\",\"message\":{\"entryType\":"
                    + "\"ProgressIndicator\"}}");
            assertThat(control(base + "end", null).status()).isEqualTo(200);

            s.await(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                    && f.payload().path("sessionStatus").asText().equals("Ended"));
            assertThat(s.events()).extracting(SseFrame::event).contains("CONVERSATION_QUEUE_POSITION",
                    "CONVERSATION_TYPING_STARTED_INDICATOR", "CONVERSATION_MESSAGE", "CONVERSATION_TYPING_STOPPED_INDICATOR",
                    "CONVERSATION_READ_ACKNOWLEDGEMENT", "CONVERSATION_ROUTING_RESULT", "CONVERSATION_PROGRESS_INDICATOR");
            assertThat(emu.conversation(id).transcript().agentMessages()).containsExactly("hi from http");
        }
    }

    @Test
    void routingFailureOverHttpAndLiveAgentOnlyActionsAreRefused() {
        EnhancedClient c = client();
        String id = created(c);
        String base = "/sessions/" + id + "/";

        Reply customEvent = control(base + "custom-event", "{\"type\":\"t\",\"data\":\"d\"}");
        Reply failure = control(base + "routing-failure", "{\"failureType\":\"SubmissionError\",\"failureReason\":\"x\"}");

        assertThat(customEvent.status()).isEqualTo(409);
        assertThat(customEvent.body()).contains("custom events");
        assertThat(failure.status()).isEqualTo(200);
        assertThat(emu.conversation(id).ended()).isTrue();
    }

    @Test
    void faultsOverHttp() throws Exception {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = c.stream()) {
            assertThat(control("/sessions/" + id + "/faults/drop-stream", null).status()).isEqualTo(200);
            assertThat(s.awaitEnd(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(control("/sessions/" + id + "/faults/new-session-required", null).status()).isEqualTo(200);
        assertThat(c.message(id, "x").status()).isEqualTo(417);
        assertThat(control("/faults/fail-next", "{\"status\":502}").status()).isEqualTo(200);
        assertThat(c.status(id).status()).isEqualTo(502);
        assertThat(control("/faults/rate-limits", null).status()).isEqualTo(200);
        assertThat(control("/faults/replay-gap", null).status()).isEqualTo(200);
        assertThat(control("/faults/expire", null).status()).isEqualTo(200);
        assertThat(c.status(id).status()).isEqualTo(401);
        assertThat(control("/sessions/" + id + "/faults/handover", null).status())
                .as("no hand-over in Enhanced Chat").isEqualTo(409);
    }
}
