package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.fault.Faults;
import io.github.camelliveagent.emulator.transcript.Transcript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One visitor chat session as the emulator sees it, and the test's handle to play the agent in it.
 * Agent actions append events to the session's Messages stream and wake a held poll at once; they throw
 * {@link IllegalStateException} when the chat is in the wrong state for them (e.g. a message before accept).
 * All methods are thread-safe.
 */
public interface EmulatedSession {

    /** The session id (the {@code id} of SessionId; not secret, safe to log). */
    String id();

    /** Current state; {@link SessionState#HANDOVER} while a hand-over is in progress. */
    SessionState state();

    /** The affinity token the client must send now (changes on ReconnectSession). */
    String affinityToken();

    /** {@code visitorName} from ChasitorInit, null before. */
    String visitorName();

    /** Sends {@code QueueUpdate {position}} (skipped if the visitor asked for {@code receiveQueueUpdates:false}). */
    void queueUpdate(int position);

    /** The agent accepts: {@code ChatEstablished}; the session becomes ACTIVE. */
    void accept(String agentName);

    /**
     * An agent declines the offered chat, or lets the offer time out (spec §2.2, IBM's finding): with
     * {@code anotherAgentLeft} the server offers it to another agent of the button and the visitor sees nothing; without,
     * the chat fails with {@code ChatRequestFail {reason: Unavailable}} and ENDED.
     */
    void decline(boolean anotherAgentLeft);

    /** How many times agents declined this chat (or let the offer time out). */
    int declines();

    /** Sends {@code ChatRequestFail {reason}}; the session becomes ENDED. */
    void reject(String reason);

    /** Sends an agent {@code ChatMessage {name, text, agentId}}. */
    void agentMessage(String text);

    /** Sends {@code AgentTyping}. */
    void agentTyping();

    /** Sends {@code AgentNotTyping}. */
    void agentNotTyping();

    /** Sends {@code ChatTransferred}; later events carry the new agent's name. */
    void transfer(String newAgentName);

    /**
     * Sends {@code TransferToButtonInitiated} (spec §4.2): the chat goes back to QUEUED, waiting for an agent of the
     * other button; {@link #accept} then establishes it again.
     */
    void transferToButton();

    /** Sends {@code AgentDisconnect}; the chat stays ACTIVE. */
    void agentDisconnect();

    /** Sends an agent {@code CustomEvent {type, data}}. */
    void customEvent(String type, String data);

    /**
     * Sends {@code FileTransfer {type}} ({@code Requested|Canceled|Success|Failure}); Requested carries the upload URL
     * and a new file token, and the others end the pending request (an upload for it is then refused).
     */
    void fileTransfer(String type);

    /** The files the visitor uploaded for the agent's requests, in order. */
    List<UploadedFile> uploadedFiles();

    /** The agent ends the chat: {@code ChatEnded {reason:"agent"}}; the session becomes ENDED. */
    void endChat();

    /** Appends any event, including unknown types, without changing the state. */
    void emit(String type, JsonNode message);

    /** The server-side ground truth of this chat. */
    Transcript transcript();

    /** Fault injection for this session only. */
    Faults faults();

    /** Whether a Messages poll is currently held open. */
    boolean pollInFlight();

    /** Messages polls received (including rejected and dropped ones). */
    int pollCount();

    /**
     * Duplicate polls: Messages polls that arrived while another poll of this session was held (each is answered
     * 409, as is the held one, and the chat is over).
     */
    int conflictCount();

    /**
     * The latest Messages polls of this session (at most 256, oldest first), with when
     * each arrived and on which client connection; {@link #pollCount()} counts them all. Empty for an Enhanced Chat
     * conversation, which has an event stream instead.
     */
    default List<PollRecord> polls() {
        return List.of();
    }

    /**
     * When a client closed the connection of its held poll without waiting for the answer (at most
     * 256, oldest first): a node that died, or a client that gave up. Empty for an
     * Enhanced Chat conversation.
     */
    default List<Instant> abandonedPolls() {
        return List.of();
    }

    /** Runs {@code action} on the emulator's event loop after {@code delay}; for agent behaviours. */
    void after(Duration delay, Runnable action);

    /** True once the chat is over ({@link SessionState#ENDED} or {@link SessionState#GONE}). */
    default boolean ended() {
        SessionState s = state();
        return s == SessionState.ENDED || s == SessionState.GONE;
    }
}
