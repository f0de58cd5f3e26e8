package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.github.camelliveagent.emulator.support.RestClient.AFFINITY;
import static io.github.camelliveagent.emulator.support.RestClient.KEY;
import static io.github.camelliveagent.emulator.support.RestClient.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

class HeadersAndRoutingTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return eventIndexBuilder().holdTime(Duration.ofSeconds(1));
    }

    @Test
    void sessionIdReturnsIdKeyAffinityAndPollTimeout() {
        Reply r = client.get("/chat/rest/System/SessionId", VERSION, "42", AFFINITY, "null");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(r.json().path("key").asText()).matches("[0-9a-f-]{36}![0-9]{13}![A-Za-z0-9+/=]+");
        assertThat(r.json().path("affinityToken").asText()).matches("[0-9a-f]{8}");
        assertThat(r.json().path("clientPollTimeout").isInt()).isTrue();
        assertThat(r.json().path("clientPollTimeout").asInt()).isEqualTo(40);
        assertThat(emu.session(r.json().path("id").asText()).state()).isEqualTo(io.github.camelliveagent.emulator.session.SessionState.CREATED);
    }

    @Test
    void sessionIdAcceptsTrailingSlash() {
        assertThat(client.get("/chat/rest/System/SessionId/", VERSION, "42", AFFINITY, "null").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "28", "-1"})
    void missingOrBadApiVersionIs400NamingTheHeader(String version) {
        Reply r = client.get("/chat/rest/System/SessionId", VERSION, version.isEmpty() ? null : version, AFFINITY, "null");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("X-LIVEAGENT-API-VERSION");
    }

    @Test
    void apiVersion29IsTheOldestAccepted() {
        assertThat(client.get("/chat/rest/System/SessionId", VERSION, "29", AFFINITY, "null").status()).isEqualTo(200);
    }

    @Test
    void apiVersionIsRequiredOnVisitorResourcesToo() {
        Reply r = client.get("/chat/rest/Visitor/Availability?Availability.ids=573");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("X-LIVEAGENT-API-VERSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a2b3c4d", "NULL"})
    void sessionIdRequiresAffinityLiterallyNull(String affinity) {
        Reply r = client.get("/chat/rest/System/SessionId", VERSION, "42", AFFINITY, affinity.isEmpty() ? null : affinity);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("X-LIVEAGENT-AFFINITY");
    }

    @Test
    void wrongOrMissingSessionKeyIs403() {
        Visitor v = client.newVisitor();
        assertThat(client.get("/chat/rest/System/Messages?ack=-1", VERSION, "42", AFFINITY, v.affinity, KEY, v.key + "x").status())
                .isEqualTo(403);
        assertThat(client.get("/chat/rest/System/Messages?ack=-1", VERSION, "42", AFFINITY, v.affinity).status())
                .isEqualTo(403);
        assertThat(client.send("POST", "/chat/rest/Chasitor/ChasitorInit", v.initBody(Visitor.BUTTON),
                VERSION, "42", AFFINITY, v.affinity).status()).isEqualTo(403);
    }

    @Test
    void wrongOrMissingAffinityIs403() {
        Visitor v = client.newVisitor();
        assertThat(client.get("/chat/rest/System/Messages?ack=-1", VERSION, "42", AFFINITY, "deadbeef", KEY, v.key).status())
                .isEqualTo(403);
        assertThat(client.get("/chat/rest/System/Messages?ack=-1", VERSION, "42", AFFINITY, "null", KEY, v.key).status())
                .isEqualTo(403);
        assertThat(client.get("/chat/rest/System/Messages?ack=-1", VERSION, "42", KEY, v.key).status()).isEqualTo(403);
        assertThat(emu.session(v.id).pollCount()).as("rejected calls never reach the poll").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/chat/rest/Chasitor/NoSuchNoun", "/chat/rest/Nope/SessionId", "/chat/rest/System/sessionid",
            "/chat/rest/", "/elsewhere"})
    void unknownResourceIs404(String path) {
        assertThat(client.get(path, VERSION, "42", AFFINITY, "null").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        Reply r = client.get("/chat/rest/Chasitor/ChatMessage", VERSION, "42");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(client.send("POST", "/chat/rest/System/Messages", "{}", VERSION, "42").status()).isEqualTo(405);
        assertThat(client.send("POST", "/chat/rest/System/SessionId", "{}", VERSION, "42").status()).isEqualTo(405);
    }

    @Test
    void successfulPostAnswers200Ok() {
        Visitor v = client.newVisitor();
        Reply r = v.init();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("OK");
    }

    @Test
    void nonIntegerSequenceIs400NamingTheHeader() {
        Visitor v = client.newVisitor();
        Reply r = client.send("POST", "/chat/rest/Chasitor/ChasitorInit", v.initBody(Visitor.BUTTON), VERSION, "42",
                AFFINITY, v.affinity, KEY, v.key, RestClient.SEQUENCE, "one");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("X-LIVEAGENT-SEQUENCE");
    }

    @Test
    void malformedJsonIs400() {
        Visitor v = client.newVisitor();
        assertThat(v.post("ChasitorInit", "{not json").status()).isEqualTo(400);
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        Visitor v = client.newVisitor();
        v.init();
        Reply r = client.get("/chat/rest/System/Messages?ack=-1&pc=7&foo=bar", VERSION, "42", AFFINITY, v.affinity, KEY, v.key);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.types()).containsExactly("ChatRequestSuccess");
    }
}
