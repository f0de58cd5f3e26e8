package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.fault.Faults;
import io.github.camelliveagent.emulator.transcript.RecordingTranscript;
import io.github.camelliveagent.emulator.transcript.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One emulated chat session: the owner of its monitor, which takes the agent's actions and the HTTP layer's
 * calls and applies the rules kept in its parts: {@link ChatLifecycle} (states, §5.1), {@link EventLog} (the
 * Messages stream, §3), {@link PollSlot} (one poll at a time), {@link PostSequence} (§5.4) and
 * {@link HandoverProcedure} (§5.3).
 *
 * <p>Everything sits behind this one monitor, and the parts are only touched under it. Nothing done under it
 * blocks: answering a held poll only hands the reply to the HTTP layer, which writes it on the event loop, and
 * agent callbacks are queued on the scheduler. The session key is a credential and is never logged; the id is.
 */
public final class ChatSession implements EmulatedSession {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSession.class);

    private final String id;
    private final String key;
    private final SessionEnvironment env;
    private final FaultSettings faults;
    private final RecordingTranscript transcript = new RecordingTranscript();
    private final FileRequests files = new FileRequests();
    private long lastVisitorMessageNanos;
    private long lastVisitorActivityNanos = System.nanoTime();
    private long lastQueueMoveNanos;
    private int declines;

    // --- guarded by this ---
    private final ChatLifecycle lifecycle;
    private final EventLog log;
    private final PollSlot slot = new PollSlot();
    private final PostSequence sequence = new PostSequence();
    private final HandoverProcedure handover = new HandoverProcedure();
    private String affinityToken;
    private int apiVersion;
    private String visitorName;
    private boolean receiveQueueUpdates = true;
    private int queuePosition = 1;
    private String agentName;
    private String agentId;
    private boolean endNotified;

    ChatSession(String id, String key, String affinityToken, int apiVersion, SessionEnvironment env) {
        this.id = id;
        this.key = key;
        this.affinityToken = affinityToken;
        this.apiVersion = apiVersion;
        this.env = env;
        this.lifecycle = new ChatLifecycle(id);
        this.log = new EventLog(env.sequenceModel());
        this.faults = new FaultSettings(this::startHandover, this::expire, this::emitSwitchServer);
    }

    // ------------------------------------------------------------------ public API

    @Override
    public String id() {
        return id;
    }

    /** Records the API version of the latest call; event fields are gated by it (spec §1.2). */
    public synchronized void apiVersion(int version) {
        apiVersion = version;
    }

    /** The secret session key; package-private so that only the registry (for look-ups) can see it. */
    String key() {
        return key;
    }

    @Override
    public synchronized SessionState state() {
        return handover.inProgress() && !lifecycle.is(SessionState.GONE) ? SessionState.HANDOVER : lifecycle.state();
    }

    @Override
    public synchronized String affinityToken() {
        return affinityToken;
    }

    @Override
    public synchronized String visitorName() {
        return visitorName;
    }

    @Override
    public synchronized void queueUpdate(int position) {
        lifecycle.require("queueUpdate", SessionState.REQUESTED, SessionState.QUEUED);
        queuePosition = position;
        if (receiveQueueUpdates) {
            append("QueueUpdate", EventPayloads.queueUpdate(apiVersion, position));
        }
    }

    @Override
    public synchronized void accept(String agentName) {
        Objects.requireNonNull(agentName, "agentName");
        lifecycle.require("accept", SessionState.REQUESTED, SessionState.QUEUED);
        lastVisitorActivityNanos = System.nanoTime(); // the customer time-out counts from the agent's arrival
        joinAgent(agentName);
        lifecycle.moveTo(SessionState.ACTIVE);
        LOG.info("Session {}: agent {} accepted the chat", id, agentName);
        append("ChatEstablished", EventPayloads.agentJoined(apiVersion, agentName, agentId, true, env.visitorIdleTimeout()));
    }

    @Override
    public synchronized void decline(boolean anotherAgentLeft) {
        lifecycle.require("decline", SessionState.REQUESTED, SessionState.QUEUED);
        declines++;
        if (anotherAgentLeft) {
            // re-routed within the button (spec §2.2): the visitor sees nothing, the chat keeps its place
            LOG.info("Session {}: an agent declined the chat ({} so far); offered to another agent", id, declines);
            return;
        }
        append("ChatRequestFail", EventPayloads.chatRequestFail("Unavailable"));
        end("declined by every agent");
    }

    @Override
    public synchronized int declines() {
        return declines;
    }

    @Override
    public synchronized void reject(String reason) {
        Objects.requireNonNull(reason, "reason");
        // a ChatRequestFail can also arrive mid-chat when the agent drops out (spec §4.1)
        lifecycle.require("reject", SessionState.REQUESTED, SessionState.QUEUED, SessionState.ACTIVE);
        append("ChatRequestFail", EventPayloads.chatRequestFail(reason));
        end("rejected: " + reason);
    }

    @Override
    public synchronized void agentMessage(String text) {
        Objects.requireNonNull(text, "text");
        lifecycle.require("agentMessage", SessionState.ACTIVE);
        append("ChatMessage", EventPayloads.chatMessage(agentName, text, agentId));
    }

    @Override
    public synchronized void agentTyping() {
        lifecycle.require("agentTyping", SessionState.ACTIVE);
        append("AgentTyping", EventPayloads.agentTyping(agentName, agentId));
    }

    @Override
    public synchronized void agentNotTyping() {
        lifecycle.require("agentNotTyping", SessionState.ACTIVE);
        if (env.globalFaults().takeTypingOutOfOrder() | faults.takeTypingOutOfOrder()) {
            // the quirk of spec §6: a stale AgentTyping after AgentNotTyping in one reply leaves the indicator on
            appendWithoutWaking("AgentNotTyping", EventPayloads.agentTyping(agentName, agentId));
            append("AgentTyping", EventPayloads.agentTyping(agentName, agentId));
            return;
        }
        append("AgentNotTyping", EventPayloads.agentTyping(agentName, agentId));
    }

    @Override
    public synchronized void transfer(String newAgentName) {
        Objects.requireNonNull(newAgentName, "newAgentName");
        lifecycle.require("transfer", SessionState.ACTIVE);
        joinAgent(newAgentName);
        append("ChatTransferred", EventPayloads.agentJoined(apiVersion, newAgentName, agentId, true, env.visitorIdleTimeout()));
    }

    @Override
    public synchronized void transferToButton() {
        lifecycle.require("transferToButton", SessionState.ACTIVE);
        lifecycle.moveTo(SessionState.QUEUED);
        LOG.info("Session {}: transfer to another button started, the chat waits for an agent again", id);
        append("TransferToButtonInitiated", Json.object());
    }

    @Override
    public synchronized void agentDisconnect() {
        lifecycle.require("agentDisconnect", SessionState.ACTIVE);
        append("AgentDisconnect", Json.object());
    }

    @Override
    public synchronized void customEvent(String type, String data) {
        Objects.requireNonNull(type, "type");
        lifecycle.require("customEvent", SessionState.ACTIVE);
        append("CustomEvent", EventPayloads.customEvent(type, data));
    }

    @Override
    public synchronized void fileTransfer(String type) {
        if (!Set.of("Requested", "Canceled", "Success", "Failure").contains(type)) {
            throw new IllegalArgumentException("FileTransfer type must be Requested, Canceled, Success or Failure: " + type);
        }
        lifecycle.require("fileTransfer", SessionState.ACTIVE);
        String token = "Requested".equals(type) ? files.request() : null;
        if (token == null) {
            files.close(type);
        }
        append("FileTransfer", EventPayloads.fileTransfer(type, env.baseUrl().get(), token));
    }

    @Override
    public synchronized List<UploadedFile> uploadedFiles() {
        return files.uploads();
    }

    /**
     * The visitor uploads the file of the agent's pending request (the HTTP layer found this session by the upload's
     * chatKey): recorded in the transcript as {@code FileUpload}, followed by {@code FileTransfer {type: Success}}.
     */
    public synchronized Outcome fileUpload(String fileToken, UploadedFile file) {
        if (lifecycle.state() != SessionState.ACTIVE) {
            return Outcome.text(403, "Forbidden: the chat is not active");
        }
        Outcome refused = files.refusal(fileToken);
        if (refused != null) {
            return refused;
        }
        files.uploaded(file);
        transcript.visitorPost("FileUpload", -1, file.transcriptJson(), false);
        LOG.info("Session {}: file uploaded ({} bytes)", id, file.content().length);
        append("FileTransfer", EventPayloads.fileTransfer("Success", env.baseUrl().get(), null));
        return Outcome.ok();
    }

    @Override
    public synchronized void endChat() {
        lifecycle.require("endChat", SessionState.REQUESTED, SessionState.QUEUED, SessionState.ACTIVE);
        append("ChatEnded", EventPayloads.chatEnded("agent"));
        end("ended by the agent");
    }

    @Override
    public synchronized void emit(String type, JsonNode message) {
        Objects.requireNonNull(type, "type");
        if (lifecycle.is(SessionState.GONE)) {
            throw new IllegalStateException("session " + id + " is GONE");
        }
        ObjectNode m = message instanceof ObjectNode o ? o.deepCopy() : Json.object();
        append(type, m);
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public Faults faults() {
        return faults;
    }

    /** The per-session fault state, for the HTTP layer. */
    public FaultSettings faultSettings() {
        return faults;
    }

    @Override
    public synchronized boolean pollInFlight() {
        return slot.occupied();
    }

    @Override
    public synchronized int pollCount() {
        return slot.pollCount();
    }

    @Override
    public synchronized int conflictCount() {
        return slot.conflictCount();
    }

    @Override
    public synchronized List<PollRecord> polls() {
        return slot.recentPolls();
    }

    @Override
    public synchronized List<Instant> abandonedPolls() {
        return slot.recentAbandoned();
    }

    @Override
    public void after(Duration delay, Runnable action) {
        env.scheduler().schedule(delay, () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Session {}: delayed agent action failed: {}", id, e.toString());
            }
        });
    }

    // ------------------------------------------------------------------ calls from the HTTP layer

    /**
     * Checks that a session call may proceed: null if so, else the refusal (403 gone / 503 hand-over / 403 affinity).
     */
    public synchronized Outcome admit(String affinityHeader) {
        if (lifecycle.is(SessionState.GONE)) {
            return Outcome.text(403, "Session is not valid");
        }
        Outcome handingOver = handover.refuseCall();
        if (handingOver != null) {
            return handingOver;
        }
        if (!affinityToken.equals(affinityHeader)) {
            return Outcome.text(403, "Invalid X-LIVEAGENT-AFFINITY for this session");
        }
        return null;
    }

    /**
     * A Messages long poll; answered now or held until an event arrives or the hold time passes.
     *
     * @param clientAck the {@code ack} parameter, null when absent
     */
    public synchronized void poll(Long clientAck, PollResponder responder) {
        slot.counted(responder.client());
        if (lifecycle.is(SessionState.GONE)) {
            responder.respond(Outcome.text(403, "Session is not valid"));
            return;
        }
        if (env.globalFaults().takeDropPoll() | faults.takeDropPoll()) {
            slot.touch();
            responder.drop();
            return;
        }
        if (slot.occupied()) {
            // the documented rule: a duplicate long poll terminates the chat (spec §3.3)
            slot.conflicted();
            PollSlot.HeldPoll first = slot.release();
            Outcome conflict = Outcome.text(409, "Conflict: duplicate long poll, the chat has been terminated");
            first.responder().respond(conflict);
            responder.respond(conflict);
            LOG.info("Session {}: second concurrent Messages poll, chat terminated", id);
            gone("terminated by a duplicate poll");
            return;
        }
        Long resumeAfter = handover.takeResumePoint();
        if (resumeAfter != null) {
            long index = log.restartAfterHandover(resumeAfter, clientAck,
                    SessionDataBuilder.chasitorSessionData(queuePosition, transcript, visitorName));
            // the copies after it are redeliveries: the transcript keeps only the original entries
            recordEvent("ChasitorSessionData", index);
        }
        EventLog.Ack ack = log.acknowledged(clientAck);
        String again = log.takeReplay();
        if (again != null) {
            answer(responder, Outcome.json(again));
            return;
        }
        Outcome ready = replyAfter(ack);
        if (ready != null) {
            answer(responder, ready);
            return;
        }
        if (lifecycle.is(SessionState.ENDED)) {
            // everything, including the final ChatEnded, has been delivered: the session is spent
            answer(responder, Outcome.text(403, "Session has ended"));
            gone("ended and drained");
            return;
        }
        PollSlot.HeldPoll[] self = new PollSlot.HeldPoll[1];
        Scheduler.Cancellable timer = env.scheduler().schedule(env.holdTime(), () -> holdExpired(self[0]));
        self[0] = new PollSlot.HeldPoll(responder, ack, timer);
        slot.hold(self[0]);
    }

    /**
     * The client went away while its poll was held: under {@link AbandonedPolls#RELEASE} the slot is freed;
     * under {@link AbandonedPolls#HOLD} the poll stays held until its event or its hold time, and its answer
     * goes nowhere.
     */
    public synchronized void pollClosed(PollResponder responder) {
        if (!slot.holds(responder)) {
            return; // answered already: the close is the end of a finished exchange
        }
        slot.abandoned();
        if (env.abandonedPolls() == AbandonedPolls.RELEASE) {
            slot.release();
            slot.touch();
        }
    }

    /** A visitor POST of {@code noun} (never MultiNoun, which is {@link #multiNoun}). */
    public synchronized Outcome post(String noun, Long sequenceNumber, JsonNode body, String rawBody) {
        Outcome refused = refusePost(noun);
        if (refused != null) {
            return refused;
        }
        if ("ChasitorResyncState".equals(noun)) {
            return process(noun, -1, body, rawBody); // carries no sequence (spec §5.4)
        }
        Outcome seqCheck = checkSequence(noun, sequenceNumber, rawBody);
        if (seqCheck != null) {
            return seqCheck;
        }
        Outcome o = process(noun, sequenceNumber == null ? -1 : sequenceNumber, body, rawBody);
        if (o.status() == 200) {
            sequence.accepted(sequenceNumber);
            visitorActed(noun, body);
        }
        return o;
    }

    /** A MultiNoun batch: one sequence number for the whole batch, nouns applied in order, first failure wins. */
    public synchronized Outcome multiNoun(Long sequenceNumber, List<String> nouns, List<JsonNode> bodies) {
        for (String noun : nouns) {
            Outcome refused = refusePost(noun);
            if (refused != null) {
                return refused;
            }
        }
        Outcome seqCheck = checkSequence("MultiNoun", sequenceNumber,
                Json.write(Json.object().put("nouns", nouns.size())));
        if (seqCheck != null) {
            return seqCheck;
        }
        for (int i = 0; i < nouns.size(); i++) {
            JsonNode b = bodies.get(i);
            Outcome o = process(nouns.get(i), sequenceNumber == null ? -1 : sequenceNumber, b, Json.write(b));
            if (o.status() != 200) {
                return o;
            }
            visitorActed(nouns.get(i), b);
        }
        sequence.accepted(sequenceNumber);
        return Outcome.ok();
    }

    /** {@code DELETE System/SessionId/{key}}: ends a live chat (final ChatEnded still delivered), else invalidates. */
    public synchronized Outcome delete() {
        if (lifecycle.open()) {
            append("ChatEnded", EventPayloads.chatEnded("client"));
            end("deleted by the visitor");
        } else {
            gone("deleted by the visitor");
        }
        return Outcome.ok();
    }

    /**
     * An injected {@code 409 Out of sync}: the server's count is {@code actual} from now on, so a re-send of
     * {@code sent} is then a duplicate or a gap according to it.
     */
    public synchronized Outcome outOfSync(long sent, long actual) {
        sequence.overrideLast(actual);
        LOG.debug("Session {}: injected out-of-sync, last accepted sequence is now {}", id, actual);
        return sequence.outOfSync(sent);
    }

    /** The last POST sequence number accepted (0 before the first, and after a hand-over reset). */
    public synchronized long lastSequence() {
        return sequence.last();
    }

    /**
     * {@code ReconnectSession}: completes a pending hand-over with a new affinity token (spec §5.3); the new
     * stream resumes after the reply whose offset the client names.
     *
     * @param offsetParam {@code ReconnectSession.offset}: the offset of the latest reply the client got, 0 for none
     */
    public synchronized Outcome reconnect(String affinityHeader, String offsetParam) {
        if (lifecycle.is(SessionState.GONE)) {
            return Outcome.text(403, "Session is not valid");
        }
        Outcome notPending = handover.refuseReconnect();
        if (notPending != null) {
            return notPending;
        }
        if (!"null".equals(affinityHeader) && !affinityToken.equals(affinityHeader)) {
            return Outcome.text(403, "Invalid X-LIVEAGENT-AFFINITY for this session");
        }
        if (offsetParam == null || offsetParam.isBlank()) {
            return Outcome.text(400, "Missing required parameter ReconnectSession.offset: the offset of the latest"
                    + " Messages reply received (0 if none)");
        }
        Long resumeAfter;
        try {
            resumeAfter = log.resumePointOf(Long.parseLong(offsetParam.trim()));
        } catch (NumberFormatException e) {
            return Outcome.text(400, "Invalid ReconnectSession.offset: not an integer");
        }
        if (resumeAfter == null) {
            return Outcome.text(400, "Invalid ReconnectSession.offset: no Messages reply of this session carried it"
                    + " (send the offset of the latest reply received, or 0 if none)");
        }
        affinityToken = SessionRegistry.newAffinityToken();
        handover.reconnected(resumeAfter);
        sequence.reset();
        LOG.info("Session {}: reconnected after hand-over", id);
        ObjectNode reply = Json.envelope("ReconnectSession", EventPayloads.reconnectSession(affinityToken));
        return Outcome.json(Json.write(reply));
    }

    /** Whether a session that has not polled recently must expire now. */
    /** Moves a queued chat up one place when the queue's interval has passed (the queue that moves on its own). */
    synchronized boolean advanceQueue(long nowNanos) {
        QueueAdvance q = env.queueAdvance();
        if (q == null || !lifecycle.is(SessionState.QUEUED) || handover.inProgress() || queuePosition <= 1
                || nowNanos - lastQueueMoveNanos < q.every().toNanos()) {
            return false;
        }
        lastQueueMoveNanos = nowNanos;
        queueUpdate(queuePosition - 1);
        return true;
    }

    /** Ends an ACTIVE chat whose visitor did nothing for the customer time-out (spec §5.2); true if it did. */
    synchronized boolean endIfVisitorIdle(long nowNanos) {
        VisitorIdleTimeout idle = env.visitorIdleTimeout();
        if (idle == null || !lifecycle.is(SessionState.ACTIVE) || handover.inProgress()
                || nowNanos - lastVisitorActivityNanos < idle.timeout().toNanos()) {
            return false;
        }
        append("ChatEnded", EventPayloads.chatEnded("clientIdleTimeout"));
        end("the visitor was idle for " + idle.timeout().toSeconds() + " s (customer time-out)");
        return true;
    }

    synchronized boolean expireIfIdle(long nowNanos) {
        if (lifecycle.is(SessionState.GONE) || !slot.idleLongerThan(env.clientPollTimeout(), nowNanos)) {
            return false;
        }
        if (lifecycle.is(SessionState.ENDED)) {
            // the usual way an ended chat is forgotten (its client stopped polling): not news, so not at INFO
            // (a churn test ends thousands)
            gone("forgotten: ended, and no Messages poll within clientPollTimeout", false);
        } else {
            gone("expired: no Messages poll within clientPollTimeout");
        }
        return true;
    }

    // ------------------------------------------------------------------ internals

    private Outcome refusePost(String noun) {
        Outcome refused = lifecycle.refusePost();
        return refused != null ? refused : handover.refusePost(noun);
    }

    private Outcome checkSequence(String noun, Long sequenceNumber, String rawBody) {
        return switch (sequence.check(sequenceNumber)) {
            case PROCESS -> null;
            case DUPLICATE -> {
                transcript.visitorPost(noun, sequenceNumber, rawBody, true);
                LOG.debug("Session {}: duplicate {} with sequence {} ignored", id, noun, sequenceNumber);
                yield Outcome.ok();
            }
            case OUT_OF_SYNC -> sequence.outOfSync(sequenceNumber);
        };
    }

    private Outcome process(String noun, long sequenceNumber, JsonNode body, String rawBody) {
        Outcome refused = lifecycle.refuseNoun(noun);
        if (refused != null) {
            return refused;
        }
        return switch (noun) {
            case "ChasitorInit" -> chasitorInit(sequenceNumber, body, rawBody);
            case "ChatMessage" -> {
                String text = body.path("text").isTextual() ? body.path("text").asText() : null;
                if (text == null) {
                    yield Outcome.text(400, "Missing required field: text");
                }
                if (inBurst()) {
                    // the quirk of spec §6: answered 200, sequence number consumed, but the agent never gets it
                    LOG.info("Session {}: visitor message {} dropped (burst fault)", id, sequenceNumber);
                    yield Outcome.ok();
                }
                transcript.visitorPost(noun, sequenceNumber, rawBody, false);
                notifyAgent(a -> a.onVisitorMessage(this, text));
                yield Outcome.ok();
            }
            case "ChatEnd" -> {
                if (!body.hasNonNull("reason")) {
                    yield Outcome.text(400, "Missing required field: reason");
                }
                transcript.visitorPost(noun, sequenceNumber, rawBody, false);
                append("ChatEnded", EventPayloads.chatEnded("client"));
                end("ended by the visitor");
                yield Outcome.ok();
            }
            case "ChasitorResyncState" -> {
                transcript.visitorPost(noun, sequenceNumber, rawBody, false);
                if (handover.resynced()) {
                    LOG.info("Session {}: state resynchronised after hand-over", id);
                }
                yield Outcome.ok();
            }
            default -> {
                // typing, sneak peek, custom events, idle warnings, sensitive-data reports, rich messages:
                // nothing for the emulated agent to do, but the transcript must show them
                transcript.visitorPost(noun, sequenceNumber, rawBody, false);
                yield Outcome.ok();
            }
        };
    }

    private Outcome chasitorInit(long sequenceNumber, JsonNode body, String rawBody) {
        Outcome invalid = ChasitorInitRequest.invalid(body, id);
        if (invalid != null) {
            return invalid;
        }
        ChasitorInitRequest init = ChasitorInitRequest.of(body);
        transcript.visitorPost("ChasitorInit", sequenceNumber, rawBody, false);
        visitorName = init.visitorName();
        receiveQueueUpdates = init.receiveQueueUpdates();
        lifecycle.moveTo(SessionState.REQUESTED);
        LOG.info("Session {}: chat requested on button {}", id, init.buttonId());
        if (Routing.routable(init.body(), env.availability())) {
            queuePosition = env.queueAdvance() == null ? 1 : env.queueAdvance().startPosition();
            lastQueueMoveNanos = System.nanoTime();
            append("ChatRequestSuccess", EventPayloads.chatRequestSuccess(apiVersion, queuePosition,
                    UUID.randomUUID().toString(), init.prechatDetails()));
            lifecycle.moveTo(SessionState.QUEUED);
            notifyAgent(a -> a.onChatRequested(this));
        } else {
            append("ChatRequestFail", EventPayloads.chatRequestFail("Unavailable"));
            end("no agent available");
        }
        return Outcome.ok();
    }

    /** The reply for a poll acknowledging {@code ack}, or null when there is nothing newer. */
    private Outcome replyAfter(EventLog.Ack ack) {
        if (!log.hasAfter(ack)) {
            return null;
        }
        return Outcome.json(log.replyAfter(ack, env.globalFaults().takeDuplicate() | faults.takeDuplicate()));
    }

    private void append(String type, ObjectNode message) {
        appendWithoutWaking(type, message);
        PollSlot.HeldPoll h = slot.held();
        if (h != null) {
            Outcome ready = replyAfter(h.ack());
            if (ready != null) {
                slot.release();
                answer(h.responder(), ready);
            }
        }
    }

    /** Visitor activity restarts the customer time-out; a reported idle warning ("triggered") is no activity. */
    private void visitorActed(String noun, JsonNode body) {
        boolean activity = switch (noun) {
            case "ChatMessage", "ChasitorTyping", "ChasitorNotTyping", "ChasitorSneakPeek", "CustomEvent", "RichMessage" -> true;
            case "ChasitorIdleTimeoutWarningEvent" -> "cleared".equals(body.path("idleTimeoutWarningEvent").asText());
            default -> false;
        };
        if (activity) {
            lastVisitorActivityNanos = System.nanoTime();
        }
    }

    /** Whether a visitor message arrives within the burst fault's window of the previous one (which it then becomes). */
    private boolean inBurst() {
        long now = System.nanoTime();
        long window = Math.max(env.globalFaults().burstWindow().toNanos(), faults.burstWindow().toNanos());
        boolean burst = window > 0 && lastVisitorMessageNanos != 0 && now - lastVisitorMessageNanos < window;
        lastVisitorMessageNanos = now;
        return burst;
    }

    /** Appends an event but leaves a held poll waiting, so that the next append lands in the same reply. */
    private void appendWithoutWaking(String type, ObjectNode message) {
        long index = log.append(type, message);
        recordEvent(type, index);
    }

    private void recordEvent(String type, long index) {
        transcript.serverEvent(type, index, log.messageJson(index));
    }

    private void answer(PollResponder responder, Outcome outcome) {
        slot.touch();
        responder.respond(outcome);
    }

    private synchronized void holdExpired(PollSlot.HeldPoll poll) {
        if (poll != null && slot.held() == poll) {
            slot.release();
            answer(poll.responder(), Outcome.noContent());
        }
    }

    private synchronized void startHandover() {
        if (lifecycle.is(SessionState.GONE)) {
            return;
        }
        handover.start();
        LOG.info("Session {}: server hand-over started", id);
        PollSlot.HeldPoll h = slot.release();
        if (h != null) {
            answer(h.responder(), handover.refuseCall());
        }
    }

    private synchronized void expire() {
        if (!lifecycle.is(SessionState.GONE)) {
            gone("expired by fault injection");
        }
    }

    private synchronized void emitSwitchServer(String newUrl) {
        if (!lifecycle.is(SessionState.GONE)) {
            append("SwitchServer", EventPayloads.switchServer(newUrl));
        }
    }

    private void joinAgent(String name) {
        agentName = name;
        agentId = AgentIds.of(name);
    }

    private void end(String why) {
        lifecycle.moveTo(SessionState.ENDED);
        LOG.info("Session {}: chat ended ({})", id, why);
        notifyEnded();
    }

    private void gone(String why) {
        gone(why, true);
    }

    private void gone(String why, boolean news) {
        lifecycle.moveTo(SessionState.GONE);
        handover.abandon();
        PollSlot.HeldPoll h = slot.release();
        if (h != null) {
            answer(h.responder(), Outcome.text(403, "Session is not valid"));
        }
        if (news) {
            LOG.info("Session {}: invalidated ({})", id, why);
        } else {
            LOG.debug("Session {}: invalidated ({})", id, why);
        }
        notifyEnded();
    }

    private void notifyEnded() {
        if (!endNotified) {
            endNotified = true;
            notifyAgent(a -> a.onChatEnded(this));
        }
    }

    private void notifyAgent(Consumer<AgentBehaviour> call) {
        // queued, not called here: the behaviour acts on this session and must see the request's effects complete
        env.scheduler().execute(() -> {
            try {
                call.accept(env.agent());
            } catch (RuntimeException e) {
                LOG.warn("Session {}: agent behaviour failed: {}", id, e.toString());
            }
        });
    }
}
