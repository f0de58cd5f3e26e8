package io.github.camelliveagent.component.session;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.session.SessionSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a session shows of itself never includes its key. */
class ChatSessionTest {

    private static final String KEY = "3f2c9a7e-1111-2222-3333-444455556666!1700000000000!c2VjcmV0";

    private static ChatSession session() {
        SessionSnapshot saved = new SessionSnapshot("s-1", KEY, "abcd1234", "http://127.0.0.1:1", "52", "00D000000000001", 40,
                SessionState.ACTIVE, 7, 3, 99, null, 4, 3, java.util.List.of(), java.util.List.of(), 0, 0, false);
        SessionSettings settings = new SessionSettings(ChatServer.of("http://127.0.0.1:1", "52", false), "00D000000000001",
                1_000, 1, 10, false);
        return ChatSession.restore(saved, settings, new ChatSession.Hooks(s -> null, s -> { }, s -> { }, s -> { }, s -> null, s -> { }));
    }

    @Test
    void serverTextQuotingTheKeyIsRedacted() {
        assertThat(session().redact("Invalid session " + KEY + " for this affinity"))
                .isEqualTo("Invalid session *** for this affinity");
    }

    @Test
    void toStringAndSnapshotToStringHideTheKey() {
        ChatSession s = session();
        assertThat(s.toString()).contains("s-1").doesNotContain(KEY).doesNotContain("c2VjcmV0");
        assertThat(s.snapshot().toString()).contains("s-1").doesNotContain(KEY).doesNotContain("c2VjcmV0");
    }

    @Test
    void deleteRequestNamesTheKeyOnlyInItsPath() {
        var delete = session().deleteRequest();
        assertThat(delete.path()).startsWith("System/SessionId/");
        assertThat(delete.describe()).isEqualTo("DELETE System/SessionId/***");
        assertThat(delete.toString()).doesNotContain("c2VjcmV0");
    }
}
