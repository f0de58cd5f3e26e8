package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeoutWarning;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events the component makes itself (the idle warning and its clearing) share the session's event stream with the
 * server's events (issue 9, defect 2): they must not take the number of the server's next event, or that event is
 * taken for one already processed and dropped.
 */
class ComponentEventSequenceTest extends LiveAgentTestSupport {

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.getConfiguration().setChasitorIdleTimeout(true);
    }

    /** An active chat whose agent announces an idle warning after 1 s and a time-out far beyond the test. */
    private String chatWithIdleWarning() {
        String id = activeChat();
        ObjectNode transferred = JsonNodeFactory.instance.objectNode().put("name", "Agent Jones")
                .put("userId", "005000000000002").put("sneakPeekEnabled", false);
        transferred.putObject("chasitorIdleTimeout").put("isEnabled", true).put("warningTime", 1).put("timeout", 600);
        serverSide(id).emit("ChatTransferred", transferred);
        return id;
    }

    private List<String> agentTexts(String id) {
        return received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    private void printAndAssertSequences(String id) {
        List<Long> sequences = received.of(id).stream().map(ReceivedEvents.Event::sequence).toList();
        System.out.printf("sequence: session events %s with sequences %s%n", received.types(id), sequences);
        assertThat(sequences).as("CamelLiveAgentSequence of every event, in arrival order").doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void theAgentsNextMessageAfterAnIdleWarningReachesTheRoute() {
        String id = chatWithIdleWarning();
        EmulatedSession server = serverSide(id);
        received.await(id, ChasitorIdleTimeoutWarning.class);

        server.agentMessage("are you still there?");
        server.agentMessage("hello?");
        boolean arrived;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("hello?"));
            arrived = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            arrived = false;
        }
        System.out.printf("sequence: agent messages received %s (all arrived: %s)%n", agentTexts(id), arrived);
        assertThat(agentTexts(id)).containsExactly("are you still there?", "hello?");
        printAndAssertSequences(id);
    }

    @Test
    void theAgentsNextMessageAfterTheWarningWasClearedReachesTheRoute() {
        String id = chatWithIdleWarning();
        EmulatedSession server = serverSide(id);
        received.await(id, ChasitorIdleTimeoutWarning.class);
        send("chatMessage", id, "I am back");
        await().until(() -> received.bodies(id, ChasitorIdleTimeoutWarning.class).stream()
                .anyMatch(w -> w.event().equals("cleared")));

        server.agentMessage("welcome back");
        server.agentMessage("anything else?");
        boolean arrived;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("anything else?"));
            arrived = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            arrived = false;
        }
        System.out.printf("sequence: agent messages received %s (all arrived: %s)%n", agentTexts(id), arrived);
        assertThat(agentTexts(id)).containsExactly("welcome back", "anything else?");
        printAndAssertSequences(id);
    }
}
