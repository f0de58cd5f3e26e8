package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.session.EmulatedSession;

import java.util.List;
import java.util.Map;

/**
 * One Enhanced Chat conversation as the emulator sees it, and the test's handle to play the agent in it. The
 * {@link EmulatedSession} actions keep their meaning (accept, reject, say, typing, transfer, end) and are shown
 * to the end user as the events of miaw-api.md §5.7, so the same {@code AgentBehaviour}s drive both APIs;
 * {@link #id()} is the conversation id. The Live Agent-only actions ({@code customEvent}, {@code fileTransfer},
 * {@code agentDisconnect}) throw {@link IllegalStateException}: Enhanced Chat has no such thing.
 *
 * <p>States: {@code QUEUED} while a messaging session waits for an agent, {@code ACTIVE} once one joined,
 * {@code ENDED} when the messaging session ended (the conversation stays open, a new message starts a new
 * session), {@code GONE} once the conversation was closed.
 */
public interface EnhancedConversation extends EmulatedSession {

    /** A delivery or read receipt the end user sent. */
    record Acknowledgement(String type, String conversationEntryId) {
    }

    /** The conversation's routing status. */
    RoutingStatus routingStatus();

    /** Whether the end user closed the conversation. */
    boolean closed();

    /** The pre-chat values the conversation (or its latest new session) was created with. */
    Map<String, String> routingAttributes();

    /** How many messaging sessions the conversation has had (1 after create). */
    int sessionCount();

    /** Whether the end user's latest typing indicator was "started". */
    boolean visitorTyping();

    /** The receipts the end user sent, in order. */
    List<Acknowledgement> acknowledgements();

    /**
     * Routing fails: {@code CONVERSATION_ROUTING_RESULT} with this {@code failureType} ({@code Unknown},
     * {@code SubmissionError}, {@code RoutingError}, {@code Cancelled}) and {@code failureReason}; the messaging
     * session ends.
     */
    void routingFailure(String failureType, String failureReason);

    /**
     * The agent's side acknowledges an entry: {@code CONVERSATION_DELIVERY_ACKNOWLEDGEMENT} ({@code Delivery}) or
     * {@code CONVERSATION_READ_ACKNOWLEDGEMENT} ({@code Read}); {@code entryId} null means the end user's latest message.
     */
    void agentReceipt(String type, String entryId);
}
