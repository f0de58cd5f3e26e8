package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.Settings;
import io.github.camelliveagent.component.model.message.VisitorId;
import io.github.camelliveagent.component.model.request.ChasitorInit;
import io.github.camelliveagent.component.model.request.CustomDetail;
import io.github.camelliveagent.component.model.request.MultiNoun;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each producer operation reaches the right resource with the right body, as the emulator records it. */
class OperationsTest extends LiveAgentTestSupport {

    private static TranscriptEntry lastPost(EmulatedSession server) {
        List<TranscriptEntry> posts = server.transcript().visitorPosts();
        return posts.get(posts.size() - 1);
    }

    @Test
    void sessionIdThenChasitorInitWithABodySentAsGiven() {
        Exchange created = template().request("liveagent:sessionId", e -> {
        });
        String id = created.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        assertThat(id).isNotBlank();
        assertThat(created.getMessage().getHeader(LiveAgentConstants.SESSION_STATE)).isEqualTo("CREATED");
        EmulatedSession server = serverSide(id);
        assertThat(server.transcript().visitorPosts()).isEmpty();

        ChasitorInit init = ChasitorInit.builder()
                .visitorName("Grace")
                .addPrechatDetail(CustomDetail.of("Email", "grace@example.com", true))
                .build();
        Exchange out = send("chasitorInit", id, init);
        assertThat(out.getMessage().getHeader(LiveAgentConstants.SESSION_STATE)).isIn("REQUESTED", "QUEUED");
        TranscriptEntry post = lastPost(server);
        assertThat(post.type()).isEqualTo("ChasitorInit");
        assertThat(post.body()).contains("\"visitorName\":\"Grace\"").contains("grace@example.com")
                .contains("\"organizationId\":\"" + ORG_ID + "\"").contains("\"sessionId\":\"" + id + "\"")
                .contains("\"buttonId\":\"" + BUTTON_ID + "\"");
        assertThat(server.visitorName()).isEqualTo("Grace");
        received.await(id, ChatRequestSuccess.class);
    }

    @Test
    void startChatAcceptsAMapBody() {
        Exchange out = template().request("liveagent:startChat", e -> e.getMessage().setBody(Map.of("visitorName", "Linus")));
        String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        assertThat(serverSide(id).visitorName()).isEqualTo("Linus");
    }

    @Test
    void typingNotTypingSneakPeekAndCustomEvent() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        send("chasitorTyping", id, null);
        assertThat(lastPost(server).type()).isEqualTo("ChasitorTyping");
        send("chasitorNotTyping", id, null);
        assertThat(lastPost(server).type()).isEqualTo("ChasitorNotTyping");

        template().request("liveagent:chasitorSneakPeek", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.SNEAK_PEEK_POSITION, 5);
            e.getMessage().setBody("Hello wor");
        });
        assertThat(lastPost(server).type()).isEqualTo("ChasitorSneakPeek");
        assertThat(lastPost(server).body()).contains("\"position\":5").contains("\"text\":\"Hello wor\"");

        Exchange ev = template().request("liveagent:customEvent", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.CUSTOM_EVENT_TYPE, "cart");
            e.getMessage().setBody("3 items");
        });
        assertThat(ev.getException()).isNull();
        assertThat(lastPost(server).type()).isEqualTo("CustomEvent");
        assertThat(lastPost(server).body()).contains("\"type\":\"cart\"").contains("\"data\":\"3 items\"");
        assertThat(server.transcript().visitorPosts()).extracting(TranscriptEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void multiNounBatchesSeveralNouns() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        MultiNoun batch = MultiNoun.of(new io.github.camelliveagent.component.model.request.ChatMessage("one last thing"),
                new io.github.camelliveagent.component.model.request.ChatEnd("client"));
        send("multiNoun", id, batch);
        assertThat(server.transcript().visitorMessages()).containsExactly("one last thing");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.types(id).contains("ChatEnded"));
    }

    @Test
    void deleteSessionEndsTheChat() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        send("deleteSession", id, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.ended());
        await().atMost(Duration.ofSeconds(10)).until(() -> sendFailing("chatMessage", id, "still there?") instanceof LiveAgentException);
    }

    @Test
    void availabilitySettingsVisitorIdAndBreadcrumb() {
        Availability available = template().requestBody("liveagent:availability", null, Availability.class);
        assertThat(available.results()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(BUTTON_ID);
            assertThat(r.isAvailable()).isTrue();
        });
        emulator().setAvailable(BUTTON_ID, false);
        try {
            Availability none = template().requestBody("liveagent:availability", null, Availability.class);
            assertThat(none.results()).singleElement().satisfies(r -> assertThat(r.isAvailable()).isFalse());
        } finally {
            emulator().setAvailable(BUTTON_ID, true);
        }

        Settings settings = template().requestBody("liveagent:settings", null, Settings.class);
        assertThat(settings).isNotNull();
        assertThat(settings.buttons()).isNotEmpty();

        VisitorId visitorId = template().requestBody("liveagent:visitorId", null, VisitorId.class);
        assertThat(visitorId.sessionId()).isNotBlank();

        Exchange crumb = template().request("liveagent:breadcrumb", e -> e.getMessage().setBody("https://shop.example.com/cart"));
        assertThat(crumb.getException()).isNull();
    }
}
