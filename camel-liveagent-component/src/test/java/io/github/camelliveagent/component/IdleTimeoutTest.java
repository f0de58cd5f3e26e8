package io.github.camelliveagent.component;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeoutWarning;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With chasitorIdleTimeout=true the component applies the visitor idle time-out the chat announces. */
class IdleTimeoutTest extends LiveAgentTestSupport {

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.getConfiguration().setChasitorIdleTimeout(true);
    }

    /** An agent takes the chat with an idle time-out of warningTime 1 s and timeout 3 s. */
    private String chatWithIdleTimeout() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        ObjectNode transferred = JsonNodeFactory.instance.objectNode().put("name", "Agent Jones").put("userId", "005000000000002")
                .put("sneakPeekEnabled", false);
        transferred.putObject("chasitorIdleTimeout").put("isEnabled", true).put("warningTime", 1).put("timeout", 3);
        server.emit("ChatTransferred", transferred);
        return id;
    }

    private static boolean posted(EmulatedSession server, String noun, String bodyPart) {
        return server.transcript().visitorPosts().stream()
                .anyMatch((TranscriptEntry p) -> p.type().equals(noun) && p.body().contains(bodyPart));
    }

    @Test
    void idleVisitorIsWarnedThenTheChatEndsWithClientIdleTimeout() {
        String id = chatWithIdleTimeout();
        EmulatedSession server = serverSide(id);

        ChasitorIdleTimeoutWarning warning = received.await(id, ChasitorIdleTimeoutWarning.class);
        assertThat(warning.event()).isEqualTo("triggered");
        assertThat(warning.timeout()).isEqualTo(3);
        await().until(() -> posted(server, "ChasitorIdleTimeoutWarningEvent", "triggered"));

        received.await(id, ChatEnded.class);
        assertThat(posted(server, "ChatEnd", "clientIdleTimeout")).isTrue();
        assertThat(server.transcript().visitorPosts()).extracting(TranscriptEntry::type).last().isEqualTo("ChatEnd");
    }

    @Test
    void visitorActivityClearsTheWarningAndKeepsTheChat() {
        String id = chatWithIdleTimeout();
        EmulatedSession server = serverSide(id);
        received.await(id, ChasitorIdleTimeoutWarning.class);

        long activeAt = System.nanoTime();
        send("chatMessage", id, "sorry, I am back");
        await().until(() -> posted(server, "ChasitorIdleTimeoutWarningEvent", "cleared"));
        await().until(() -> received.bodies(id, ChasitorIdleTimeoutWarning.class).stream()
                .anyMatch(w -> w.event().equals("cleared")));
        received.await(id, ChatEnded.class);
        // the clock restarted at the message: the chat ended a full timeout after it
        assertThat(Duration.ofNanos(System.nanoTime() - activeAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(posted(server, "ChatEnd", "clientIdleTimeout")).isTrue();
    }
}
