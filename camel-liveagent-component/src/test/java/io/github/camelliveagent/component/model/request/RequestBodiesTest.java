package io.github.camelliveagent.component.model.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.model.LiveAgentJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every POST body is written with the exact wire text of its fixture (fixtures/requests/&lt;Noun&gt;.json). */
class RequestBodiesTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RequestBodiesTest.class.getResourceAsStream("/fixtures/requests/" + name)) {
            return PLAIN.readTree(in);
        }
    }

    static JsonNode written(Object body) throws IOException {
        return PLAIN.readTree(LiveAgentJson.write(body));
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("ChatMessage.json", new ChatMessage("Where is my order?")),
                Arguments.of("ChatEnd.json", ChatEnd.client()),
                Arguments.of("ChasitorSneakPeek.json", new ChasitorSneakPeek(0, "Where is my ord")),
                Arguments.of("CustomEvent.json", new CustomEvent("OrderLookup", "A-42")),
                Arguments.of("ChasitorResyncState.json", new ChasitorResyncState("00D000000000001")),
                Arguments.of("Breadcrumb.json", new Breadcrumb("https://shop.example.com/cart")),
                Arguments.of("ChasitorIdleTimeoutWarningEvent.json",
                        new ChasitorIdleTimeoutWarningEvent(ChasitorIdleTimeoutWarningEvent.TRIGGERED)),
                Arguments.of("ChasitorTyping.json", new ChasitorTyping()),
                Arguments.of("ChasitorNotTyping.json", new ChasitorNotTyping()),
                Arguments.of("SensitiveDataRuleTriggered.json", new SensitiveDataRuleTriggered(
                        List.of(new SensitiveDataRuleTriggered.Rule("0GO000000000001", "Credit card")))),
                Arguments.of("MultiNoun.json", MultiNoun.of(new ChatMessage("bye"), ChatEnd.client())),
                Arguments.of("ChasitorInit.json", ChasitorInitTest.full()),
                Arguments.of("ChasitorInit-minimal.json", ChasitorInitTest.minimal()));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void bodyIsWrittenAsTheFixturesWireText(String fixture, Object body) throws IOException {
        assertThat(written(body)).isEqualTo(fixture(fixture));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void fixtureIsReadBackIntoAnEqualBody(String fixture, Object body) throws IOException {
        assertThat(LiveAgentJson.convert(fixture(fixture), body.getClass())).isEqualTo(body);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void bodyKnowsTheResourceItIsPostedTo(String fixture, RequestBody body) {
        assertThat(fixture).startsWith(body.noun());
        assertThat(body.prefix()).isIn("Chasitor", "Visitor", "System");
    }

    @Test
    void resourcesOfBodies() {
        assertThat(new Breadcrumb("x").prefix()).isEqualTo("Visitor");
        assertThat(MultiNoun.of().prefix()).isEqualTo("System");
        assertThat(new ChatMessage("x").prefix() + "/" + new ChatMessage("x").noun()).isEqualTo("Chasitor/ChatMessage");
    }

    @Test
    void nullBodyIsWrittenAsEmptyObject() {
        assertThat(LiveAgentJson.writeString(null)).isEqualTo("{}");
    }
}
