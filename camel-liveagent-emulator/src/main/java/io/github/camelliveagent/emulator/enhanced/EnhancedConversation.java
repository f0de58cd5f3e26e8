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

    /** Whether the messaging session is Inactive (see {@link #inactivate()}). */
    boolean inactive();

    /**
     * A bot takes the waiting conversation instead of an agent: {@code PARTICIPANT_CHANGED add} with role
     * {@code Chatbot}; its messages come from role Chatbot; {@link #transfer} hands over to a human agent.
     */
    void botJoin(String botName);

    /** The agent (or bot) offers buttons: a {@code ChoicesMessage} ({@code Buttons}) with these option titles. */
    void agentChoices(String text, List<String> optionTitles);

    /**
     * The agent sends a file: a {@code StaticContentMessage} with {@code Attachments} whose {@code url} the emulator
     * serves (no token needed, as a signed link); returns the file id.
     */
    String agentAttachment(String fileName, String mimeType, byte[] content, String text);

    /**
     * The session goes {@code Inactive} (the customer inactivity timer, or the agent): {@code SESSION_STATUS_CHANGED
     * Inactive}; the end user's next message sends it back to Waiting and routes it again; {@link #endChat()} ends it.
     */
    void inactivate();

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
