package io.github.camelliveagent.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.session.ChatSession;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/** The {@code Chasitor/…} POST resources; the protocol rules themselves live in {@link ChatSession}. */
final class ChasitorResources {

    /** Every visitor POST noun the emulator knows. */
    static final List<String> NOUNS = List.of("ChasitorInit", "ChatMessage", "ChasitorTyping", "ChasitorNotTyping",
            "ChasitorSneakPeek", "ChatEnd", "CustomEvent", "ChasitorResyncState", "ChasitorIdleTimeoutWarningEvent",
            "SensitiveDataRuleTriggered", "RichMessage");

    private final SessionRegistry registry;

    ChasitorResources(SessionRegistry registry) {
        this.registry = registry;
    }

    void register(ChatRestRouter router) {
        for (String noun : NOUNS) {
            router.route(HttpMethod.POST, "Chasitor/" + noun, call -> post(noun, call));
        }
    }

    private void post(String noun, ChatCall call) {
        ChatSession s = call.resolveSession(registry, call.header(ChatCall.SESSION_KEY), true);
        if (s == null) {
            return;
        }
        JsonNode body = call.jsonBody();
        if (body == null) {
            return;
        }
        if (!call.sequenceValid()) {
            return;
        }
        call.reply(s.post(noun, call.sequence(), body, call.rawBody));
    }
}
