package io.github.camelliveagent.emulator.enhanced.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.github.camelliveagent.emulator.enhanced.RoutingStatus;
import io.github.camelliveagent.emulator.enhanced.stream.StreamEvent;
import io.github.camelliveagent.emulator.enhanced.stream.SubjectEvents;
import io.github.camelliveagent.emulator.enhanced.token.AccessToken;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.fault.Faults;
import io.github.camelliveagent.emulator.session.AgentIds;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.session.UploadedFile;
import io.github.camelliveagent.emulator.transcript.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One emulated Enhanced Chat conversation: the owner of its monitor, which takes the agent's actions and the end
 * user's calls, moves its messaging sessions through miaw-api.md §3.1's states and turns each step into the events
 * of §5.7 on its end user's stream (and into history for {@code /entries}).
 *
 * <p>Under the monitor the only thing called outside the conversation's own parts is its end user's
 * {@link SubjectEvents}, a leaf lock; stream writes and agent callbacks are queued, never run here.
 */
public final class Conversation implements EnhancedConversation {

    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Set<String> FAILURE_TYPES = Set.of("Unknown", "SubmissionError", "RoutingError", "Cancelled");

    private final String id;
    private final String subject;
    private final ConversationEnvironment env;
    private final SubjectEvents log;
    private final FaultSettings faults;
    private final ConversationTranscript transcript = new ConversationTranscript();
    private final long startTimestamp = System.currentTimeMillis();

    // --- guarded by this ---
    private final ConversationEntries entries = new ConversationEntries();
    private final Set<String> messageIds = new HashSet<>();
    private final List<Acknowledgement> acks = new ArrayList<>();
    private final List<UploadedFile> files = new ArrayList<>();
    private Map<String, String> routingAttributes;
    private SessionState state = SessionState.CREATED;
    private RoutingStatus routingStatus = RoutingStatus.INITIAL;
    private String agentName;
    private String agentId;
    private String sessionId;
    private long sessionStart;
    private int sessions;
    private int declines;
    private Long endTimestamp;
    private boolean newSessionNeeded;
    private boolean visitorTyping;
    private String lastVisitorEntryId;
    private boolean endNotified;
    private boolean bot;
    private boolean inactive;
    /** Counts the times the session went Inactive, so that an auto-end scheduled for an earlier one does nothing. */
    private long inactivations;

    Conversation(String id, AccessToken creator, Map<String, String> routingAttributes, ConversationEnvironment env) {
        this.id = id;
        this.subject = creator.subject();
        this.env = env;
        this.routingAttributes = Map.copyOf(routingAttributes);
        this.log = env.events().of(subject);
        this.faults = new FaultSettings(
                () -> {
                    throw new IllegalStateException("Enhanced Chat has no server hand-over; use dropStream");
                },
                () -> {
                    env.tokens().expireSubject(subject);
                    env.streams().tokensChanged();
                },
                url -> {
                    throw new IllegalStateException("Enhanced Chat has no SwitchServer");
                },
                () -> env.streams().drop(subject));
    }

    // ------------------------------------------------------------------ the agent's side (EmulatedSession)

    @Override
    public String id() {
        return id;
    }

    /** The end user (token subject) this conversation belongs to. */
    public String subject() {
        return subject;
    }

    @Override
    public synchronized SessionState state() {
        return state;
    }

    /** Enhanced Chat has no affinity token: null. */
    @Override
    public String affinityToken() {
        return null;
    }

    @Override
    public synchronized String visitorName() {
        String first = routingAttributes.get("_firstName");
        String last = routingAttributes.get("_lastName");
        if (first == null && last == null) {
            return null;
        }
        return first == null ? last : last == null ? first : first + " " + last;
    }

    @Override
    public synchronized RoutingStatus routingStatus() {
        return routingStatus;
    }

    @Override
    public synchronized boolean closed() {
        return state == SessionState.GONE;
    }

    @Override
    public synchronized Map<String, String> routingAttributes() {
        return routingAttributes;
    }

    @Override
    public synchronized int sessionCount() {
        return sessions;
    }

    @Override
    public synchronized boolean visitorTyping() {
        return visitorTyping;
    }

    @Override
    public synchronized List<Acknowledgement> acknowledgements() {
        return List.copyOf(acks);
    }

    @Override
    public synchronized void queueUpdate(int position) {
        require("queueUpdate", SessionState.QUEUED);
        emit("CONVERSATION_QUEUE_POSITION", EntryPayloads.queuePosition(newId(), sessionId, position),
                EntryPayloads.system(), "System", false, null);
    }

    @Override
    public synchronized void accept(String agentName) {
        Objects.requireNonNull(agentName, "agentName");
        require("accept", SessionState.QUEUED);
        join(agentName, false);
        state = SessionState.ACTIVE;
        routingStatus = RoutingStatus.ROUTED;
        sessionStatus("Active", "Waiting", null);
        LOG.info("Conversation {}: agent {} joined", id, agentName);
    }

    @Override
    public synchronized void decline(boolean anotherAgentLeft) {
        require("decline", SessionState.QUEUED);
        declines++;
        if (anotherAgentLeft) {
            LOG.info("Conversation {}: an agent declined ({} so far); offered to another agent", id, declines);
            return;
        }
        fail("RoutingError", "Unavailable");
    }

    @Override
    public synchronized int declines() {
        return declines;
    }

    @Override
    public synchronized void reject(String reason) {
        Objects.requireNonNull(reason, "reason");
        require("reject", SessionState.QUEUED, SessionState.ACTIVE);
        fail(FAILURE_TYPES.contains(reason) ? reason : "RoutingError", reason);
    }

    @Override
    public synchronized void routingFailure(String failureType, String failureReason) {
        if (!FAILURE_TYPES.contains(failureType)) {
            throw new IllegalArgumentException("failureType must be one of " + FAILURE_TYPES + ": " + failureType);
        }
        require("routingFailure", SessionState.QUEUED, SessionState.ACTIVE);
        fail(failureType, failureReason);
    }

    @Override
    public synchronized void agentMessage(String text) {
        Objects.requireNonNull(text, "text");
        require("agentMessage", SessionState.ACTIVE);
        String entryId = newId();
        emit("CONVERSATION_MESSAGE", EntryPayloads.text(entryId, text), participant(), agentName, true, text);
    }

    @Override
    public synchronized void agentTyping() {
        require("agentTyping", SessionState.ACTIVE);
        emit("CONVERSATION_TYPING_STARTED_INDICATOR",
                EntryPayloads.typing("TypingStartedIndicator", newId(), System.currentTimeMillis()),
                participant(), agentName, false, null);
    }

    @Override
    public synchronized void agentNotTyping() {
        require("agentNotTyping", SessionState.ACTIVE);
        emit("CONVERSATION_TYPING_STOPPED_INDICATOR",
                EntryPayloads.typing("TypingStoppedIndicator", newId(), System.currentTimeMillis()),
                participant(), agentName, false, null);
    }

    @Override
    public synchronized void transfer(String newAgentName) {
        Objects.requireNonNull(newAgentName, "newAgentName");
        require("transfer", SessionState.ACTIVE);
        leave();
        routingStatus = RoutingStatus.TRANSFER;
        routingResult("Transfer", "None", null);
        join(newAgentName, false);
        routingStatus = RoutingStatus.ROUTED;
        LOG.info("Conversation {}: transferred to agent {}", id, newAgentName);
    }

    @Override
    public synchronized void transferToButton() {
        require("transferToButton", SessionState.ACTIVE);
        leave();
        routingStatus = RoutingStatus.TRANSFER;
        routingResult("Transfer", "None", null);
        state = SessionState.QUEUED;
        sessionStatus("Waiting", "Active", null);
        LOG.info("Conversation {}: transfer to a queue started, waiting for an agent again", id);
    }

    @Override
    public synchronized void botJoin(String botName) {
        Objects.requireNonNull(botName, "botName");
        require("botJoin", SessionState.QUEUED);
        join(botName, true);
        state = SessionState.ACTIVE;
        routingStatus = RoutingStatus.ROUTED;
        sessionStatus("Active", "Waiting", null);
        LOG.info("Conversation {}: bot {} joined", id, botName);
    }

    @Override
    public synchronized void agentChoices(String text, List<String> titles) {
        Objects.requireNonNull(text, "text");
        if (titles == null || titles.isEmpty()) {
            throw new IllegalArgumentException("A choices message needs at least one option title");
        }
        require("agentChoices", SessionState.ACTIVE);
        emit("CONVERSATION_MESSAGE", EntryPayloads.choices(newId(), text, List.copyOf(titles)), participant(), agentName,
                true, text);
    }

    @Override
    public synchronized String agentAttachment(String fileName, String mimeType, byte[] content, String text) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
        require("agentAttachment", SessionState.ACTIVE);
        String fileId = newId();
        env.files().put(fileId, new UploadedFile(fileName, mimeType, content.clone()));
        String entryId = newId();
        emit("CONVERSATION_MESSAGE", EntryPayloads.message(entryId, EntryPayloads.attachment(entryId, fileId, fileName,
                mimeType, env.files().url(env.baseUrl().get(), fileId), text)), participant(), agentName, true,
                text != null && !text.isEmpty() ? text : fileName);
        return fileId;
    }

    @Override
    public synchronized void inactivate() {
        require("inactivate", SessionState.ACTIVE);
        if (inactive) {
            throw new IllegalStateException("The messaging session of conversation " + id + " is already Inactive");
        }
        inactive = true;
        long inactivation = ++inactivations;
        sessionStatus("Inactive", "Active", null);
        LOG.info("Conversation {}: messaging session inactive", id);
        // the server ends an Inactive session after about 24 h (miaw-api.md §3.1, documented); the end user writing
        // first brings it back to Waiting, and then this does nothing
        env.scheduler().schedule(env.settings().inactiveAutoEnd(), () -> autoEnd(inactivation));
    }

    private synchronized void autoEnd(long inactivation) {
        if (inactive && inactivation == inactivations && state != SessionState.GONE) {
            LOG.info("Conversation {}: the Inactive messaging session ends after {}", id, env.settings().inactiveAutoEnd());
            endSession("System");
        }
    }

    @Override
    public synchronized boolean inactive() {
        return inactive;
    }

    @Override
    public void agentDisconnect() {
        throw new IllegalStateException("Enhanced Chat has no AgentDisconnect; use endChat or transfer");
    }

    @Override
    public void customEvent(String type, String data) {
        throw new IllegalStateException("Enhanced Chat has no custom events");
    }

    @Override
    public void fileTransfer(String type) {
        throw new IllegalStateException("Enhanced Chat has no agent file request; the end user sends files on its own");
    }

    @Override
    public synchronized List<UploadedFile> uploadedFiles() {
        return List.copyOf(files);
    }

    @Override
    public synchronized void endChat() {
        require("endChat", SessionState.QUEUED, SessionState.ACTIVE);
        endSession("Agent");
    }

    @Override
    public synchronized void agentReceipt(String type, String entryId) {
        String eventName = switch (Objects.requireNonNull(type, "type")) {
            case "Delivery" -> "CONVERSATION_DELIVERY_ACKNOWLEDGEMENT";
            case "Read" -> "CONVERSATION_READ_ACKNOWLEDGEMENT";
            default -> throw new IllegalArgumentException("type must be Delivery or Read: " + type);
        };
        require("agentReceipt", SessionState.QUEUED, SessionState.ACTIVE, SessionState.ENDED);
        String acknowledged = entryId != null ? entryId : lastVisitorEntryId;
        if (acknowledged == null) {
            throw new IllegalStateException("The end user has sent no message to acknowledge yet");
        }
        ObjectNode sender = agentId != null ? participant() : EntryPayloads.system();
        emit(eventName, EntryPayloads.acknowledgement(type + "Acknowledgement", newId(), System.currentTimeMillis(),
                acknowledged, EntryPayloads.endUser(subject, subject)), sender, agentName != null ? agentName : "System",
                true, null, List.of(acknowledged));
    }

    @Override
    public synchronized void emit(String type, JsonNode message) {
        Objects.requireNonNull(type, "type");
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException("The entry payload of an emitted event must be a JSON object");
        }
        require("emit", SessionState.QUEUED, SessionState.ACTIVE, SessionState.ENDED);
        ObjectNode payload = message.deepCopy();
        if (!payload.hasNonNull("id")) {
            payload.put("id", newId());
        }
        emit(type, payload, agentId != null ? participant() : EntryPayloads.system(),
                agentName != null ? agentName : "System", false, null);
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public Faults faults() {
        return faults;
    }

    /** The conversation's own fault state (for the resources). */
    public FaultSettings faultSettings() {
        return faults;
    }

    /** Whether an event stream of this conversation's end user is open. */
    @Override
    public boolean pollInFlight() {
        return env.streams().openStreams(subject) > 0;
    }

    /** How many times the end user's client opened the event stream. */
    @Override
    public int pollCount() {
        return env.streams().connections(subject);
    }

    /** Always 0: Enhanced Chat has no duplicate-poll rule. */
    @Override
    public int conflictCount() {
        return 0;
    }

    @Override
    public void after(Duration delay, Runnable action) {
        env.scheduler().schedule(delay, () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Conversation {}: delayed agent action failed: {}", id, e.toString());
            }
        });
    }

    // ------------------------------------------------------------------ the end user's calls (from the resources)

    /** Routing starts, right after create. */
    synchronized void open() {
        startSession();
    }

    /** {@code GET …/conversation/{id}}. */
    public synchronized ObjectNode status() {
        ObjectNode o = Json.object();
        o.put("conversationId", id);
        o.put("routingStatus", routingStatus.name());
        return o;
    }

    /** One element of {@code GET …/conversation/list}. */
    public synchronized ObjectNode summary() {
        ObjectNode o = Json.object();
        o.put("conversationId", id);
        o.put("startTimestamp", startTimestamp);
        if (endTimestamp == null) {
            o.putNull("endTimestamp");
        } else {
            o.put("endTimestamp", endTimestamp);
        }
        return o;
    }

    /** {@code GET …/entries}. */
    public synchronized ObjectNode entries(ConversationEntries.Query query) {
        return entries.page(query);
    }

    /** {@code POST …/message} (and the message part of {@code POST …/file}, with {@code file} set). */
    public synchronized Outcome message(AccessToken from, VisitorMessage m, String resource, UploadedFile file) {
        if (state == SessionState.GONE) {
            return ApiOutcomes.error(400, "The conversation " + id + " is closed: no more messages can be sent to it");
        }
        if (messageIds.contains(m.id())) {
            // a client's retry of a message already taken: acknowledged again, not shown twice [INF]
            return accepted(m.id());
        }
        if (env.globalFaults().takeNewSessionRequired() | faults.takeNewSessionRequired()) {
            newSessionNeeded = true;
        }
        boolean sessionOver = state == SessionState.ENDED && env.settings().prechatPerSession();
        if (!m.newSession() && (newSessionNeeded || sessionOver)) {
            return ApiOutcomes.error(417, "The messaging session of conversation " + id + " has ended and pre-chat is"
                    + " required for a new one: send the message again with isNewMessagingSession: true and the"
                    + " routingAttributes");
        }
        if (m.newSession()) {
            newSessionNeeded = false;
            if (!m.routingAttributes().isEmpty()) {
                routingAttributes = Map.copyOf(m.routingAttributes());
            }
        }
        messageIds.add(m.id());
        if (file != null) {
            files.add(file);
            String fileId = m.abstractMessage().path("staticContent").path("attachments").path(0).path("id").asText(null);
            if (fileId != null) {
                env.files().put(fileId, file);
            }
        }
        emit("CONVERSATION_MESSAGE", EntryPayloads.message(m.id(), m.abstractMessage()),
                EntryPayloads.endUser(subject, from.clientId()), displayName(), true, null, List.of(sessionId));
        transcript.visitor(resource, m.rawBody(), m.text());
        lastVisitorEntryId = m.id();
        if (state == SessionState.ENDED) {
            LOG.info("Conversation {}: a message after the session ended starts a new messaging session", id);
            startSession();
        } else if (inactive) {
            reactivate();
        }
        String text = m.text();
        notifyAgent(a -> a.onVisitorMessage(this, text));
        return accepted(m.id());
    }

    /** {@code POST …/entry}: a typing indicator, shown to the agent only (no echo). */
    public synchronized Outcome typing(boolean started, String rawBody) {
        if (state == SessionState.GONE) {
            return ApiOutcomes.error(400, "The conversation " + id + " is closed");
        }
        visitorTyping = started;
        transcript.visitor(started ? "TypingStartedIndicator" : "TypingStoppedIndicator", rawBody, null);
        return ApiOutcomes.empty(202);
    }

    /** {@code POST …/acknowledge-entries}: receipts for entries of this conversation. */
    public synchronized Outcome acknowledge(List<Acknowledgement> received, String rawBody) {
        if (state == SessionState.GONE) {
            return ApiOutcomes.error(400, "The conversation " + id + " is closed");
        }
        for (Acknowledgement a : received) {
            if (!entries.contains(a.conversationEntryId())) {
                return ApiOutcomes.error(400, "Invalid conversationEntryId " + a.conversationEntryId()
                        + ": not the identifier of an entry of conversation " + id);
            }
        }
        acks.addAll(received);
        transcript.visitor("acknowledge-entries", rawBody, null);
        return ApiOutcomes.empty(202);
    }

    /** {@code DELETE …/conversation/{id}/session}: ends the messaging session; the conversation stays open. */
    public synchronized Outcome endSessionByEndUser() {
        if (state == SessionState.GONE) {
            return ApiOutcomes.error(400, "The conversation " + id + " is closed");
        }
        transcript.visitor("endSession", "", null);
        if (state == SessionState.QUEUED || state == SessionState.ACTIVE) {
            endSession("EndUser");
        }
        return ApiOutcomes.empty(204);
    }

    /** {@code DELETE …/conversation/{id}}: closes the conversation for good. */
    public synchronized Outcome close() {
        if (state == SessionState.GONE) {
            return ApiOutcomes.error(400, "The conversation " + id + " is already closed");
        }
        transcript.visitor("close", "", null);
        if (state == SessionState.QUEUED || state == SessionState.ACTIVE) {
            endSession("EndUser");
        }
        state = SessionState.GONE;
        endTimestamp = System.currentTimeMillis();
        emit("CONVERSATION_CLOSE_CONVERSATION", EntryPayloads.closeConversation(newId(), id), EntryPayloads.system(),
                "System", true, null);
        LOG.info("Conversation {}: closed by the end user", id);
        notifyEnded();
        return ApiOutcomes.empty(204);
    }

    // ------------------------------------------------------------------ internals

    private void startSession() {
        sessions++;
        sessionId = "0Mw" + randomId(12);
        sessionStart = System.currentTimeMillis();
        state = SessionState.QUEUED;
        routingStatus = RoutingStatus.INITIAL;
        endNotified = false;
        agentName = null;
        agentId = null;
        routingResult("Initial", "None", null);
        routingStatus = RoutingStatus.NEEDS_ROUTING;
        sessionStatus("Waiting", "New", null);
        LOG.info("Conversation {}: messaging session {} waits for an agent", id, sessions);
        notifyAgent(a -> a.onChatRequested(this));
    }

    /** An end-user message to an Inactive session: back to Waiting and routed again (miaw-api.md §3.1). */
    private void reactivate() {
        inactive = false;
        if (agentId != null) {
            leave();
        }
        state = SessionState.QUEUED;
        routingResult("Initial", "None", null);
        routingStatus = RoutingStatus.NEEDS_ROUTING;
        sessionStatus("Waiting", "Inactive", null);
        LOG.info("Conversation {}: a message to the inactive session routes it again", id);
        notifyAgent(a -> a.onChatRequested(this));
    }

    private void fail(String failureType, String reason) {
        if (agentId != null) {
            leave();
        }
        routingResult("Initial", failureType, reason);
        endSession("System");
        LOG.info("Conversation {}: routing failed ({})", id, failureType);
    }

    private void endSession(String endedByRole) {
        String previous = inactive ? "Inactive" : state == SessionState.ACTIVE ? "Active" : "Waiting";
        inactive = false;
        if (agentId != null) {
            leave();
        }
        state = SessionState.ENDED;
        routingStatus = RoutingStatus.NEEDS_ROUTING;
        sessionStatus("Ended", previous, endedByRole);
        LOG.info("Conversation {}: messaging session ended by {}", id, endedByRole);
        notifyEnded();
    }

    private void join(String name, boolean asBot) {
        bot = asBot;
        agentName = name;
        agentId = AgentIds.of(name);
        emit("CONVERSATION_PARTICIPANT_CHANGED", EntryPayloads.participantChanged(newId(), "add",
                participant(), name), EntryPayloads.system(), "System", true, null);
    }

    private ObjectNode participant() {
        return EntryPayloads.agent(agentId, bot);
    }

    private void leave() {
        emit("CONVERSATION_PARTICIPANT_CHANGED", EntryPayloads.participantChanged(newId(), "remove",
                participant(), agentName), EntryPayloads.system(), "System", true, null);
        agentName = null;
        agentId = null;
        bot = false;
    }

    private void routingResult(String routingType, String failureType, String reason) {
        emit("CONVERSATION_ROUTING_RESULT", EntryPayloads.routingResult(newId(), routingType, failureType, reason,
                sessionId, env.settings().estimatedWaitTime().toSeconds()), EntryPayloads.system(), "System", true, null);
    }

    private void sessionStatus(String status, String previous, String endedByRole) {
        if (!env.settings().sessionStatusEvents()) {
            return;
        }
        Long end = "Ended".equals(status) ? System.currentTimeMillis() : null;
        emit("CONVERSATION_SESSION_STATUS_CHANGED", EntryPayloads.sessionStatus(newId(), sessionId, id,
                env.channelAddress(), status, previous, sessionStart, end, endedByRole), EntryPayloads.system(), "System",
                true, null);
    }

    private void emit(String eventName, ObjectNode payload, ObjectNode sender, String displayName, boolean history,
                      String agentText) {
        emit(eventName, payload, sender, displayName, history, agentText,
                "CONVERSATION_MESSAGE".equals(eventName) ? List.of(sessionId) : List.of());
    }

    private void emit(String eventName, ObjectNode payload, ObjectNode sender, String displayName, boolean history,
                      String agentText, List<String> relatedRecords) {
        long now = System.currentTimeMillis();
        ObjectNode entry = Json.object();
        entry.put("senderDisplayName", displayName);
        entry.put("identifier", payload.path("id").asText());
        entry.put("entryType", payload.path("entryType").asText(eventName));
        entry.put("entryPayload", Json.write(payload));
        entry.set("sender", sender);
        entry.putObject("contextParamMap");
        entry.put("transcriptedTimestamp", now);
        relatedRecords.forEach(entry.putArray("relatedRecords")::add);
        entry.put("clientTimestamp", now);
        entry.put("clientDuration", 0);
        ObjectNode envelope = Json.object();
        envelope.put("channelPlatformKey", env.channelAddress());
        envelope.put("channelType", "embedded_messaging");
        envelope.put("channelAddressIdentifier", env.channelAddress());
        envelope.put("conversationId", id);
        envelope.set("conversationEntry", entry);
        StreamEvent e = log.append(eventName, id, Json.write(envelope));
        transcript.event(eventName, e.id(), Json.write(payload), agentText);
        if (history) {
            ObjectNode stored = entry.deepCopy();
            stored.set("entryPayload", payload.deepCopy()); // an object here, a string on the stream (§3.5)
            entries.add(stored);
        }
        env.streams().appended(subject);
    }

    private Outcome accepted(String messageId) {
        ObjectNode body = Json.object();
        ObjectNode e = body.putArray("conversationEntries").addObject();
        e.put("id", messageId);
        e.put("clientTimestamp", System.currentTimeMillis());
        return ApiOutcomes.json(202, body);
    }

    private String displayName() {
        String name = visitorName();
        return name != null ? name : "Guest";
    }

    private void require(String action, SessionState... allowed) {
        for (SessionState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException(action + " is not possible while conversation " + id + " is " + state);
    }

    private void notifyEnded() {
        if (!endNotified) {
            endNotified = true;
            notifyAgent(a -> a.onChatEnded(this));
        }
    }

    private void notifyAgent(Consumer<AgentBehaviour> call) {
        // queued, not called here: the behaviour acts on this conversation and must see the call's effects complete
        env.scheduler().execute(() -> {
            try {
                call.accept(env.agent());
            } catch (RuntimeException e) {
                LOG.warn("Conversation {}: agent behaviour failed: {}", id, e.toString());
            }
        });
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String randomId(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }
}
