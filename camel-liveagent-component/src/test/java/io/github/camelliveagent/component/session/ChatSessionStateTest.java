package io.github.camelliveagent.component.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.TransferToButtonInitiated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's own bookkeeping, called directly: the POST sequence (and its restart at 1 after ReconnectSession), the
 * state machine applying each event once, the hand-over phases, the requests it makes, and the hooks it tells
 * (session store, end, resync) exactly when something changed.
 */
class ChatSessionStateTest {

    private static final String KEY = "3f2c9a7e-1111-2222-3333-444455556666!1700000000000!c2VjcmV0";

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Timer timer = new Timer(executor, () -> true);
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger ends = new AtomicInteger();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();

    /** Nothing is sent in these tests; a call would stay open. */
    private static final LiveAgentClient SILENT = new LiveAgentClient() {
        @Override
        public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private ChatSession.Hooks hooks() {
        return new ChatSession.Hooks(s -> new Outbox(s, SILENT, timer), s -> unavailable.incrementAndGet(),
                s -> resyncs.incrementAndGet(), s -> changes.incrementAndGet(), s -> null, s -> ends.incrementAndGet());
    }

    private static SessionSettings settings() {
        return new SessionSettings(ChatServer.of("http://127.0.0.1:1", "52", false), "00D000000000001", 1_000, 3, 10,
                false);
    }

    private ChatSession fresh() {
        return new ChatSession("s-1", KEY, "abcd1234", 40, settings(), null, hooks());
    }

    private static void apply(ChatSession s, long position, LiveAgentMessage m) {
        s.apply(List.of(m), List.of(position));
    }

    private static ChatEstablished established() {
        return new ChatEstablished("Agent Smith", "005000000000001", null, null, null);
    }

    @Test
    void thePostSequenceStartsAtOneAndEveryNumberTakenIsAChange() {
        ChatSession s = fresh();
        assertThat(s.takeSequence()).isEqualTo(1);
        assertThat(s.takeSequence()).isEqualTo(2);
        assertThat(s.snapshot().nextSequence()).isEqualTo(3);
        assertThat(changes.get()).as("the session store hears of each number taken").isEqualTo(2);
    }

    @Test
    void reconnectSessionRestartsTheSequenceAtOneUnlessItSaysFalse() {
        ChatSession s = fresh();
        s.takeSequence();
        s.takeSequence();
        assertThat(s.beginHandover()).isTrue();
        s.reconnected("ffff0000", true);
        assertThat(s.takeSequence()).as("resetSequence true").isEqualTo(1);
        s.takeSequence();
        s.reconnected("eeee0000", null);
        assertThat(s.takeSequence()).as("resetSequence absent: the guide says it is always true").isEqualTo(1);
        s.takeSequence();
        int before = changes.get();
        s.reconnected("dddd0000", false);
        assertThat(changes.get()).as("the new affinity is a change the store hears of").isEqualTo(before + 1);
        assertThat(s.takeSequence()).as("resetSequence false: the sequence goes on").isEqualTo(3);
        assertThat(s.snapshot().affinity()).isEqualTo("dddd0000");
        assertThat(s.handover()).isEqualTo(ChatSession.HandoverPhase.AWAITING_SESSION_DATA);
    }

    @Test
    void aReconnectTakesTheLedgerBackToThePointItsRequestNamed() {
        ChatSession s = fresh();
        s.ledger().replyProcessed(2, 20);
        assertThat(s.beginHandover()).isTrue();
        assertThat(s.reconnectRequest().rawQuery()).isEqualTo("ReconnectSession.offset=20");
        s.ledger().replyProcessed(4, 40);
        s.reconnected("ffff0000", true);
        assertThat(s.ledger().ack()).as("the first poll after the reconnect acknowledges what it named").isEqualTo(2);
        assertThat(s.messagesRequest().rawQuery()).isEqualTo("ack=2");
        assertThat(s.messagesRequest().affinity()).isEqualTo("ffff0000");
    }

    @Test
    void anOutOfSyncAnswerContinuesAfterTheServersLastNumber() {
        ChatSession s = fresh();
        s.takeSequence();
        int before = changes.get();
        assertThat(s.resyncSequence(7)).isEqualTo(8);
        assertThat(changes.get()).isEqualTo(before + 1);
        assertThat(s.takeSequence()).isEqualTo(9);
    }

    @Test
    void aRestoredSessionJumpsItsSequenceAheadAndDoesNotApplyProcessedEventsAgain() {
        SessionSnapshot saved = new SessionSnapshot("s-1", KEY, "abcd1234", "http://127.0.0.1:1", "52", "00D000000000001",
                40, SessionState.QUEUED, 5, 2, 20, "corr", 3, 2, List.of(), List.of(), 0, 0, false);
        ChatSession s = ChatSession.restore(saved, settings(), hooks());
        assertThat(s.state()).isEqualTo(SessionState.QUEUED);
        assertThat(s.correlationId()).isEqualTo("corr");
        assertThat(s.takeSequence()).isEqualTo(5 + ChatSession.RESTORED_SEQUENCE_MARGIN);
        apply(s, 2, established());
        assertThat(s.state()).as("position 2 was processed before the restart").isEqualTo(SessionState.QUEUED);
        apply(s, 3, established());
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void theStateMachineAppliesEachPositionOnce() {
        ChatSession s = fresh();
        s.chatRequested();
        assertThat(s.state()).isEqualTo(SessionState.REQUESTED);
        assertThat(changes.get()).isEqualTo(1);
        s.chatRequested();
        assertThat(changes.get()).as("requested twice is one change").isEqualTo(1);
        apply(s, 0, new ChatRequestSuccess(1, null, null, null, null, null, null, null, null, null, null));
        assertThat(s.state()).isEqualTo(SessionState.QUEUED);
        apply(s, 1, new QueueUpdate(1, null));
        assertThat(s.state()).isEqualTo(SessionState.QUEUED);
        apply(s, 2, established());
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        apply(s, 2, new TransferToButtonInitiated());
        assertThat(s.state()).as("position 2 again is not applied again").isEqualTo(SessionState.ACTIVE);
        apply(s, 1, new ChatEnded("agent", null));
        assertThat(s.state()).as("an older position is not applied").isEqualTo(SessionState.ACTIVE);
        apply(s, 3, new TransferToButtonInitiated());
        assertThat(s.state()).isEqualTo(SessionState.QUEUED);
        apply(s, 4, new ChatRequestSuccess(1, null, null, null, null, null, null, null, null, null, null));
        assertThat(s.state()).as("ChatRequestSuccess only moves a chat not yet queued").isEqualTo(SessionState.QUEUED);
    }

    @Test
    void theServersChatEndedEndsTheSessionOnceThroughItsEndPath() {
        ChatSession s = fresh();
        apply(s, 0, established());
        int before = changes.get();
        apply(s, 1, new ChatEnded("agent", null));
        assertThat(s.state()).isEqualTo(SessionState.ENDED);
        assertThat(s.end()).isEqualTo(SessionEnd.server("agent"));
        assertThat(s.whenEnded()).isCompletedWithValue(SessionEnd.server("agent"));
        assertThat(ends.get()).isEqualTo(1);
        assertThat(changes.get()).as("the store hears of the end").isEqualTo(before + 1);
        assertThat(s.end(SessionEnd.lost(SessionEnd.CONNECTION_LOST, new SessionCallException("x", "s-1", 0, "late"))))
                .as("a session ends once").isFalse();
        apply(s, 2, new ChatEnded("client", null));
        assertThat(ends.get()).isEqualTo(1);
        assertThat(s.end().reason()).isEqualTo("agent");
    }

    @Test
    void endingFromOurSideTellsTheEndPathAndTheStoreOnce() {
        ChatSession s = fresh();
        SessionEnd lost = SessionEnd.lost(SessionEnd.CONNECTION_LOST, new SessionCallException("x", "s-1", 0, "gone"));
        assertThat(s.end(lost)).isTrue();
        assertThat(s.state()).isEqualTo(SessionState.ENDED);
        assertThat(s.end()).isSameAs(lost);
        assertThat(s.endReason()).endsWith("gone");
        assertThat(ends.get()).isEqualTo(1);
        assertThat(changes.get()).isEqualTo(1);
        assertThat(s.end(SessionEnd.closed("client"))).isFalse();
        assertThat(ends.get()).isEqualTo(1);
        assertThat(s.beginHandover()).as("an ended session is not handed over").isFalse();
    }

    @Test
    void aHandOverRunsOnceAtATimeAndANew503AfterItsReconnectStartsAnother() {
        ChatSession s = fresh();
        assertThat(s.refusalIsFinal("abcd1234")).isTrue();
        assertThat(s.refusalIsFinal("00000000")).as("a 403 to a call with another affinity").isFalse();
        s.serviceUnavailable("abcd1234");
        assertThat(unavailable.get()).isEqualTo(1);
        assertThat(s.beginHandover()).isTrue();
        assertThat(s.handover()).isEqualTo(ChatSession.HandoverPhase.RECONNECTING);
        assertThat(s.refusalIsFinal("abcd1234")).as("not while a hand-over runs").isFalse();
        assertThat(s.beginHandover()).as("one at a time").isFalse();
        s.reconnected("ffff0000", true);
        assertThat(s.awaitsSessionData()).isTrue();
        s.serviceUnavailable("abcd1234");
        assertThat(s.beginHandover()).as("a late 503 of the old server").isFalse();
        s.serviceUnavailable("ffff0000");
        assertThat(s.beginHandover()).as("a 503 to the new affinity: handed over again").isTrue();
        s.reconnected("eeee0000", true);

        apply(s, 0, new ChasitorSessionData(0, null, null, null, null, null, null));
        assertThat(s.handover()).isEqualTo(ChatSession.HandoverPhase.RESYNCING);
        assertThat(resyncs.get()).as("ChasitorSessionData makes ChasitorResyncState due once").isEqualTo(1);
        apply(s, 1, new ChasitorSessionData(0, null, null, null, null, null, null));
        assertThat(resyncs.get()).isEqualTo(1);
        s.resynced();
        assertThat(s.handover()).isEqualTo(ChatSession.HandoverPhase.NONE);
        assertThat(s.refusalIsFinal("eeee0000")).isTrue();
    }

    @Test
    void aReconnectThatFoundNothingGoesStraightToResyncWithoutAskingForItAgain() {
        ChatSession s = fresh();
        assertThat(s.beginHandover()).isTrue();
        s.skipToResync();
        assertThat(s.handover()).isEqualTo(ChatSession.HandoverPhase.RESYNCING);
        apply(s, 0, new ChasitorSessionData(0, null, null, null, null, null, null));
        assertThat(resyncs.get()).as("the resync is sent by the hand-over itself").isZero();
    }

    @Test
    void theRequestsCarryTheAckTheOffsetTheAffinityAndTheirTimeouts() {
        ChatSession s = fresh();
        LiveAgentRequest poll = s.messagesRequest();
        assertThat(poll.rawQuery()).isEqualTo("ack=-1");
        assertThat(poll.affinity()).isEqualTo("abcd1234");
        assertThat(poll.timeoutMs()).as("clientPollTimeout 40 s plus 5 s").isEqualTo(45_000);
        assertThat(s.pollTimeoutMs()).isEqualTo(45_000);
        s.ledger().replyProcessed(3, 33);
        assertThat(s.messagesRequest().rawQuery()).isEqualTo("ack=3");
        LiveAgentRequest reconnect = s.reconnectRequest();
        assertThat(reconnect.rawQuery()).isEqualTo("ReconnectSession.offset=33");
        assertThat(reconnect.affinity()).isEqualTo("null");
        LiveAgentRequest post = s.request("POST", "Chasitor/ChatMessage", 4L, new byte[0]);
        assertThat(post.sequence()).isEqualTo(4);
        assertThat(post.timeoutMs()).isEqualTo(1_000);
        assertThat(s.resyncRequest(new byte[0]).sequence()).as("ChasitorResyncState has no sequence").isNull();
    }
}
