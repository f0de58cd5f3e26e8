package io.github.camelliveagent.component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.PollRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Option {@code minPollInterval}: a busy chat's polls go at most one per interval, so its events come several to a
 * reply, all of them, in order, once each.
 */
class PollPacingTest extends LiveAgentTestSupport {

    private static final long INTERVAL_MS = 250;

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.setMinPollInterval(INTERVAL_MS);
    }

    @Test
    void aBusyChatsEventsComeSeveralToAReplyWithItsPollsTheIntervalApart() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        int pollsBefore = server.pollCount();
        Instant burstStart = Instant.now();
        long started = System.nanoTime();

        // the agent types fast: a line every 5 ms, 120 lines (the load's shape, not a wait for anything)
        List<String> texts = IntStream.rangeClosed(1, 120).mapToObj(i -> "line " + i).toList();
        for (String text : texts) {
            server.agentMessage(text);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.bodies(id, ChatMessage.class).size() >= texts.size());
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int polls = server.pollCount() - pollsBefore;
        List<Instant> burstPolls = server.polls().stream().map(PollRecord::at).filter(at -> !at.isBefore(burstStart))
                .toList();
        long shortestGapMs = Long.MAX_VALUE;
        for (int i = 1; i < burstPolls.size(); i++) {
            shortestGapMs = Math.min(shortestGapMs, Duration.between(burstPolls.get(i - 1), burstPolls.get(i)).toMillis());
        }
        System.out.printf("PollPacingTest: %d agent lines in %d ms came in %d polls (%.1f lines per poll);"
                          + " shortest gap between polls %d ms (interval %d ms)%n",
                texts.size(), elapsedMs, polls, texts.size() / (double) Math.max(1, polls), shortestGapMs, INTERVAL_MS);

        assertThat(received.bodies(id, ChatMessage.class)).extracting(ChatMessage::text).containsExactlyElementsOf(texts);
        assertThat(received.of(id)).extracting(ReceivedEvents.Event::sequence).isSorted().doesNotHaveDuplicates();
        // without the option every line would cost a poll of its own (one held poll answered per line)
        assertThat(polls).isLessThanOrEqualTo((int) (elapsedMs / INTERVAL_MS) + 3).isLessThan(texts.size() / 4);
        // a little under the interval: the server stamps a poll when it arrives, the component when it leaves
        assertThat(shortestGapMs).isGreaterThanOrEqualTo(INTERVAL_MS - 50);
        assertThat(server.conflictCount()).isZero();
    }
}
