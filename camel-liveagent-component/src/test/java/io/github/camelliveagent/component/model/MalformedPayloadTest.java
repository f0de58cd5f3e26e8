package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A payload that is not of the expected shape fails with a LiveAgentJsonException that names the problem only. */
class MalformedPayloadTest {

    private static final String SECRET_TEXT = "my credit card is 4111111111111111";

    private static Throwable failureOf(String json) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> LiveAgentJson.readMessages(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(t).isInstanceOf(LiveAgentJsonException.class);
        return t;
    }

    /** Neither the exception nor any of its causes repeats the payload text. */
    private static void assertDoesNotEcho(Throwable t, String payloadPart) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(payloadPart);
        }
    }

    @Test
    void notJsonNamesTheSyntaxProblemAndPosition() {
        Throwable t = failureOf("{\"messages\":[{\"type\":\"ChatMessage\",\"message\":{\"text\":\"" + SECRET_TEXT
                + "\"}}], sequence: 5}");
        assertThat(t.getMessage()).startsWith("Malformed Messages payload").contains("line 1");
        assertDoesNotEcho(t, SECRET_TEXT);
    }

    @Test
    void hugeMalformedPayloadIsNotEchoed() {
        String big = "x".repeat(200_000);
        Throwable t = failureOf("{\"messages\":[{\"type\":\"ChatMessage\",\"message\":{\"text\":\"" + big
                + "\"}}]," + big + "}");
        assertThat(t.getMessage()).hasSizeLessThan(500);
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).hasSizeLessThan(1000);
        }
    }

    @Test
    void emptyBodyIsReported() {
        assertThat(failureOf("").getMessage()).contains("empty");
        assertThat(failureOf("  \n").getMessage()).contains("empty");
    }

    @Test
    void topLevelMustBeAnObject() {
        assertThat(failureOf("[1,2]").getMessage()).contains("expected a JSON object").contains("ARRAY");
    }

    @Test
    void messagesMustBeAnArray() {
        Throwable t = failureOf("{\"messages\":{\"type\":\"ChatMessage\",\"message\":{\"text\":\"" + SECRET_TEXT
                + "\"}}}");
        assertThat(t.getMessage()).contains("'messages' must be an array");
        assertDoesNotEcho(t, SECRET_TEXT);
    }

    @Test
    void elementWithoutTypeIsReportedWithItsIndex() {
        Throwable t = failureOf("{\"messages\":[{\"type\":\"AgentDisconnect\"},{\"message\":{\"text\":\""
                + SECRET_TEXT + "\"}}]}");
        assertThat(t.getMessage()).contains("no string 'type'").contains("messages[1]");
        assertDoesNotEcho(t, SECRET_TEXT);
    }

    @Test
    void elementThatIsNotAnObjectIsReported() {
        assertThat(failureOf("{\"messages\":[\"ChatMessage\"]}").getMessage())
                .contains("must be a JSON object").contains("messages[0]");
        assertThat(failureOf("{\"messages\":[null]}").getMessage()).contains("messages[0]");
    }

    @Test
    void knownTypeWithWrongFieldShapeNamesTypeAndPath() {
        Throwable t = failureOf("{\"messages\":[{\"type\":\"AgentTyping\",\"message\":{}},"
                + "{\"type\":\"ChatRequestSuccess\",\"message\":{\"queuePosition\":\"" + SECRET_TEXT + "\"}}]}");
        assertThat(t.getMessage()).contains("messages[1].message.queuePosition");
        assertDoesNotEcho(t, SECRET_TEXT);
    }

    @Test
    void knownTypeWhoseMessageIsNotAnObjectIsReported() {
        assertThat(failureOf("{\"messages\":[{\"type\":\"ChatMessage\",\"message\":\"hello\"}]}").getMessage())
                .contains("'message' of type 'ChatMessage' must be a JSON object").contains("messages[0]");
    }

    @Test
    void sessionIdAndVisitorReadersFailTheSameWay() {
        assertThatThrownBy(() -> LiveAgentJson.readSessionId("{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LiveAgentJsonException.class).hasMessageStartingWith("Malformed SessionId payload");
        assertThatThrownBy(() -> LiveAgentJson.readAvailability("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LiveAgentJsonException.class).hasMessageContaining("Availability");
        assertThatThrownBy(() -> LiveAgentJson.readReconnectSession(null))
                .isInstanceOf(LiveAgentJsonException.class).hasMessageContaining("empty");
    }
}
