package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.camelliveagent.component.model.message.ReconnectSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** System/SessionId and System/ReconnectSession replies. */
class SystemRepliesTest {

    @Test
    void sessionIdWithNumericPollTimeout() {
        SessionIdResponse s = LiveAgentJson.readSessionId(Fixtures.bytes("system/SessionId.json"));
        assertThat(s.id()).isEqualTo("ec550263-354e-477c-b773-7747ed1da8f9");
        assertThat(s.key()).isEqualTo("ec550263-354e-477c-b773-7747ed1da8f9!1636522001234!aWrR3Gv8pQ0bS7eLk2nYq1xZ");
        assertThat(s.affinityToken()).isEqualTo("878a1fa0");
        assertThat(s.clientPollTimeout()).isEqualTo(40);
    }

    @Test
    void sessionIdWithTheGuidesStringPollTimeout() {
        SessionIdResponse s = LiveAgentJson.readSessionId(Fixtures.bytes("system/SessionId-guide.json"));
        assertThat(s.clientPollTimeout()).isEqualTo(30);
        assertThat(s.affinityToken()).isEqualTo("73061fa0");
    }

    @Test
    void sessionIdToStringHidesTheKey() {
        SessionIdResponse s = LiveAgentJson.readSessionId(Fixtures.bytes("system/SessionId.json"));
        assertThat(s.toString()).contains("key=***").contains("878a1fa0").contains(s.id())
                .doesNotContain("aWrR3Gv8pQ0bS7eLk2nYq1xZ").doesNotContain("1636522001234");
    }

    @Test
    void sessionIdWithoutKeyIsRejectedNamingTheField() {
        assertThatThrownBy(() -> LiveAgentJson.readSessionId(
                "{\"id\":\"a\",\"affinityToken\":\"b\",\"clientPollTimeout\":30}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LiveAgentJsonException.class).hasMessageContaining("'key' is missing");
    }

    @Test
    void sessionIdRoundTripUsesTheWireNames() {
        SessionIdResponse s = LiveAgentJson.readSessionId(Fixtures.bytes("system/SessionId.json"));
        assertThat(Fixtures.tree(LiveAgentJson.write(s))).isEqualTo(Fixtures.tree("system/SessionId.json"));
    }

    @Test
    void reconnectSessionFromTheWrappedReply() {
        ReconnectSession r = LiveAgentJson.readReconnectSession(Fixtures.bytes("messages/ReconnectSession.json"));
        assertThat(r.resetSequence()).isTrue();
        assertThat(r.affinityToken()).isEqualTo("1a2b3c4d");
    }

    @Test
    void reconnectSessionWithoutResetSequenceIsNull() {
        ReconnectSession r = LiveAgentJson.readReconnectSession(Fixtures.bytes("system/ReconnectSession-no-reset.json"));
        assertThat(r.resetSequence()).isNull();
        assertThat(r.affinityToken()).isEqualTo("5e6f7a8b");
    }

    @Test
    void reconnectSessionBareObjectIsAccepted() {
        assertThat(LiveAgentJson.readReconnectSession(
                "{\"resetSequence\":\"true\",\"affinityToken\":\"9f\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ReconnectSession(true, "9f"));
    }

    @Test
    void reconnectSessionWithoutAffinityTokenIsRejected() {
        assertThatThrownBy(() -> LiveAgentJson.readReconnectSession(
                Fixtures.bytes("system/ReconnectSession-no-token.json")))
                .isInstanceOf(LiveAgentJsonException.class).hasMessageContaining("'affinityToken' is missing");
    }

    @Test
    void reconnectSessionReplyWithOtherMessagesIsRejectedNamingTheTypes() {
        assertThatThrownBy(() -> LiveAgentJson.readReconnectSession(Fixtures.bytes("messages/SwitchServer.json")))
                .isInstanceOf(LiveAgentJsonException.class)
                .hasMessageContaining("no ReconnectSession message").hasMessageContaining("[SwitchServer]");
    }
}
