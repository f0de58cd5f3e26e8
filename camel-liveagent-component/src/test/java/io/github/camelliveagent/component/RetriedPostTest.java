package io.github.camelliveagent.component;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelliveagent.component.client.HttpClient5LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POST whose answer is lost on the network is sent again with the same X-LIVEAGENT-SEQUENCE, so that the server,
 * which did process the first one, drops the second as a duplicate: the agent sees the message once.
 */
class RetriedPostTest extends LiveAgentTestSupport {

    private final AtomicBoolean loseNextChatMessageAnswer = new AtomicBoolean();
    private LiveAgentClient realClient;

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.getConfiguration().setPollRetryDelay(20);
        realClient = new HttpClient5LiveAgentClient(1, 100, 5_000, null, null);
        liveagent.setClient(new LiveAgentClient() {
            @Override
            public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
                CompletableFuture<LiveAgentReply> sent = realClient.send(request);
                if (request.path().equals("Chasitor/ChatMessage") && loseNextChatMessageAnswer.compareAndSet(true, false)) {
                    // the server gets and processes the POST; its answer never reaches us
                    return sent.thenCompose(reply -> CompletableFuture.failedFuture(
                            new IOException("connection reset while reading the answer")));
                }
                return sent;
            }

            @Override
            public void close() {
            }
        });
    }

    @AfterEach
    void closeClient() {
        realClient.close();
    }

    @Test
    void aPostRetriedAfterALostAnswerKeepsItsSequenceAndIsProcessedOnce() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        loseNextChatMessageAnswer.set(true);

        send("chatMessage", id, "only once, please");
        send("chatMessage", id, "and the next one");

        List<TranscriptEntry> posts = server.transcript().visitorPosts().stream()
                .filter(p -> p.type().equals("ChatMessage")).toList();
        assertThat(posts).hasSize(3);
        assertThat(posts.get(0).sequence()).isEqualTo(posts.get(1).sequence());
        assertThat(posts.get(0).duplicate()).isFalse();
        assertThat(posts.get(1).duplicate()).isTrue();
        assertThat(posts.get(2).sequence()).isEqualTo(posts.get(0).sequence() + 1);
        assertThat(server.transcript().visitorMessages()).containsExactly("only once, please", "and the next one");
    }
}
