package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many messages on one session, and many sessions at once: nothing lost, nothing doubled, everything in order. */
class VolumeTest extends LiveAgentTestSupport {

    @Test
    void thousandMessagesEachWayOnOneSession() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);

        List<String> visitorTexts = IntStream.rangeClosed(1, 1000).mapToObj(i -> "visitor " + i).toList();
        List<String> agentTexts = IntStream.rangeClosed(1, 1000).mapToObj(i -> "agent " + i).toList();

        // both directions at once: visitor sends asynchronously while the agent talks
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (String text : visitorTexts) {
            sends.add(sendInOrder("chatMessage", id, text));
        }
        agentTexts.forEach(server::agentMessage);

        sends.forEach(f -> assertThat(f.join().getException()).isNull());
        await().atMost(Duration.ofSeconds(60)).until(() -> received.bodies(id, ChatMessage.class).size() >= 1000);

        assertThat(server.transcript().visitorMessages()).containsExactlyElementsOf(visitorTexts);
        assertThat(received.bodies(id, ChatMessage.class)).extracting(ChatMessage::text).containsExactlyElementsOf(agentTexts);
        assertThat(server.transcript().agentMessages()).containsExactlyElementsOf(agentTexts);
        assertThat(received.of(id)).extracting(ReceivedEvents.Event::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(server.conflictCount()).isZero();
    }

    @Test
    void hundredConcurrentSessions() {
        int sessions = 100;
        List<CompletableFuture<Exchange>> starts = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            starts.add(template().asyncSend("liveagent:startChat", e -> e.getMessage().setBody(
                    java.util.Map.of("visitorName", "Visitor " + n))));
        }
        List<String> ids = starts.stream().map(f -> {
            Exchange e = f.join();
            assertThat(e.getException()).isNull();
            return e.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        }).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(sessions);

        for (String id : ids) {
            received.await(id, ChatRequestSuccess.class);
            serverSide(id).accept("Agent Smith");
        }
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (String id : ids) {
            for (int m = 1; m <= 3; m++) {
                String text = id + " says " + m;
                sends.add(sendInOrder("chatMessage", id, text));
            }
            serverSide(id).agentMessage("hello " + id);
        }
        sends.forEach(f -> assertThat(f.join().getException()).isNull());
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).until(() -> received.bodies(id, ChatMessage.class).size() == 1);
            assertThat(received.bodies(id, ChatMessage.class).get(0).text()).isEqualTo("hello " + id);
            assertThat(serverSide(id).transcript().visitorMessages())
                    .containsExactly(id + " says 1", id + " says 2", id + " says 3");
            assertThat(serverSide(id).conflictCount()).isZero();
        }
        // one poll in flight per open session, never more
        LiveAgentComponent component = context().getComponent("liveagent", LiveAgentComponent.class);
        assertThat(component.pollsInFlight()).isLessThanOrEqualTo(sessions);
    }
}
